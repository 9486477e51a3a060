package viewmodel

import (
	"errors"
	"fmt"

	"github.com/outagelab/outage/game/story"
)

// State is the app's state as the JavaScript bridge's state() reports it.
type State struct {
	// T is the playhead, RFC 3339 in PDT.
	T       string  `json:"t"`
	Playing bool    `json:"playing"`
	Speed   float64 `json:"speed"`
	// Chapter is the current chapter, counted from 0; Chapters how many.
	Chapter    int          `json:"chapter"`
	Chapters   int          `json:"chapters"`
	Mode       string       `json:"mode"`
	Safeguards []string     `json:"safeguards"`
	Verdict    StateVerdict `json:"verdict"`
	Caption    string       `json:"caption"`
	Lang       string       `json:"lang"`
}

// StateVerdict is the verdict part of State.
type StateVerdict struct {
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
}

// State reports the app's state.
func (a *App) State() State {
	cap, _ := story.Caption(a.Lang, a.chapters, a.T)
	v := a.cur.Verdict
	return State{
		T: FormatTime(a.T), Playing: a.Playing, Speed: a.Speed(),
		Chapter: a.Chapter, Chapters: len(a.chapters), Mode: a.Mode.String(),
		Safeguards: SafeguardStrings(a.Set),
		Verdict:    StateVerdict{Kind: v.Kind, Summary: v.Summary},
		Caption:    cap, Lang: a.Lang,
	}
}

// The API calls below take arguments as decoded from JavaScript: string,
// float64, bool, nil, []any or map[string]any. They validate everything
// and never panic; an error says what was wrong and what is valid.

// APISeek moves the playhead to a time given as RFC 3339 or "HH:MM" PDT.
func (a *App) APISeek(args []any) error {
	if len(args) != 1 {
		return errors.New(`seek takes one argument: a time, RFC 3339 or "HH:MM" in PDT`)
	}
	s, ok := args[0].(string)
	if !ok {
		return fmt.Errorf(`seek: want a string time (RFC 3339 or "HH:MM" PDT), got %s`, typeName(args[0]))
	}
	t, err := ParseTime(s)
	if err != nil {
		return err
	}
	a.Seek(t)
	return nil
}

// APIChapter jumps to a chapter, counted from 0.
func (a *App) APIChapter(args []any) error {
	if len(args) != 1 {
		return fmt.Errorf("chapter takes one argument: a number from 0 to %d", len(a.chapters)-1)
	}
	v, ok := args[0].(float64)
	if !ok {
		return fmt.Errorf("chapter: want a number from 0 to %d, got %s", len(a.chapters)-1, typeName(args[0]))
	}
	n, err := ParseChapter(v, len(a.chapters))
	if err != nil {
		return err
	}
	a.SetChapter(n)
	return nil
}

// APISetSafeguards selects a set of safeguards given as an array of ids.
func (a *App) APISetSafeguards(args []any) error {
	if len(args) != 1 {
		return errors.New("setSafeguards takes one argument: an array of safeguard ids")
	}
	list, ok := args[0].([]any)
	if !ok {
		return fmt.Errorf("setSafeguards: want an array of safeguard ids, got %s", typeName(args[0]))
	}
	ids := make([]string, 0, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("setSafeguards: item %d is %s, want a safeguard id string", i, typeName(v))
		}
		ids = append(ids, s)
	}
	set, err := ParseSafeguards(ids)
	if err != nil {
		return err
	}
	a.SetSafeguards(set)
	return nil
}

// APINoArgs checks that a call such as play() got no arguments.
func APINoArgs(name string, args []any) error {
	if len(args) != 0 {
		return fmt.Errorf("%s takes no arguments", name)
	}
	return nil
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
