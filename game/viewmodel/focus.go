package viewmodel

import "math"

// FocusOrder lists the widgets Tab moves through, in reading order:
// with a dialog open, its buttons; otherwise the layout's buttons (top to
// bottom, left to right), the stage chips and every safeguard toggle.
func (l *Layout) FocusOrder(o Overlay, dst []WidgetID) []WidgetID {
	dst = dst[:0]
	if o != NoOverlay {
		ol := l.OverlayLayout(o)
		// The close button comes last: the actions first.
		for _, b := range ol.Buttons[1:] {
			dst = append(dst, b.ID)
		}
		return append(dst, ol.Buttons[0].ID)
	}
	if l.Sheet {
		dst = append(dst, BtnCloseSheet)
		rows, _ := l.PanelRows()
		for _, r := range rows {
			if !r.Heading {
				dst = append(dst, SafeguardWidget(r.ID))
			}
		}
		return dst
	}
	start := len(dst)
	for _, b := range l.Buttons {
		if b.ID != BtnSpeed {
			dst = append(dst, b.ID)
		}
	}
	bs := dst[start:]
	pos := func(id WidgetID) Rect { r, _ := l.ButtonRect(id); return r }
	// Insertion sort by row, then x: few buttons.
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0; j-- {
			a, b := pos(bs[j-1]), pos(bs[j])
			if a.Y > b.Bottom()-1 || (b.Y <= a.Bottom()-1 && a.X > b.X) {
				bs[j-1], bs[j] = bs[j], bs[j-1]
				continue
			}
			break
		}
	}
	if l.Compact {
		for s := range NumStages {
			dst = append(dst, ChipWidget(s))
		}
	}
	if l.PanelShown() {
		rows, _ := l.PanelRows()
		for _, r := range rows {
			if !r.Heading {
				dst = append(dst, SafeguardWidget(r.ID))
			}
		}
	}
	return dst
}

// NextFocus moves along order from cur by dir (+1 Tab, -1 Shift+Tab),
// wrapping; from no focus (or a widget no longer there) it starts at an
// end.
func NextFocus(order []WidgetID, cur WidgetID, dir int) WidgetID {
	if len(order) == 0 {
		return WNone
	}
	for i, id := range order {
		if id == cur {
			return order[((i+dir)%len(order)+len(order))%len(order)]
		}
	}
	if dir < 0 {
		return order[len(order)-1]
	}
	return order[0]
}

// ScrollToShow returns the list scroll offset that brings safeguard
// toggle w into view, starting from scroll.
func (l *Layout) ScrollToShow(w WidgetID, scroll float64) float64 {
	id, ok := SafeguardOf(w)
	if !ok || !l.PanelShown() {
		return scroll
	}
	rows, _ := l.PanelRows()
	for _, r := range rows {
		if r.Heading || r.ID != id {
			continue
		}
		top := r.Rect.Y
		if r.Rect.Y > 0 {
			// Keep the layer heading above the first toggle in view.
			top = math.Max(0, r.Rect.Y-math.Round(l.FontSmall*1.8))
		}
		switch {
		case top < scroll:
			scroll = top
		case r.Rect.Bottom() > scroll+l.List.H:
			scroll = r.Rect.Bottom() - l.List.H
		}
		return Clamp(scroll, 0, l.MaxScroll())
	}
	return scroll
}

// ToggleRect returns a safeguard toggle's screen rectangle at scroll,
// whether or not it is in view.
func (l *Layout) ToggleRect(w WidgetID, scroll float64) (Rect, bool) {
	id, ok := SafeguardOf(w)
	if !ok || !l.PanelShown() {
		return Rect{}, false
	}
	rows, _ := l.PanelRows()
	for _, r := range rows {
		if !r.Heading && r.ID == id {
			return R(l.List.X+r.Rect.X, l.List.Y+r.Rect.Y-scroll, r.Rect.W, r.Rect.H), true
		}
	}
	return Rect{}, false
}
