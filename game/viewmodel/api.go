package viewmodel

import (
	"errors"
	"fmt"
	"strings"

	"github.com/outagelab/outage/game/worlds"

	"github.com/outagelab/outage/game/i18n"
	"github.com/outagelab/outage/game/story"
)

// State is the app's state as the JavaScript bridge's state() reports it.
type State struct {
	// T is the playhead, RFC 3339 in PDT.
	T       string  `json:"t"`
	Playing bool    `json:"playing"`
	Speed   float64 `json:"speed"`
	// Chapter is the current chapter, counted from 1 as in a link's
	// chapter parameter and chapter(n); Chapters is how many there are.
	Chapter    int          `json:"chapter"`
	Chapters   int          `json:"chapters"`
	Mode       string       `json:"mode"`
	Safeguards []string     `json:"safeguards"`
	Verdict    StateVerdict `json:"verdict"`
	Caption    string       `json:"caption"`
	Lang       string       `json:"lang"`
	// Feed is the latest notable or key event at or before t, in words.
	Feed string `json:"feed"`
	// URL is the share link's query for this moment ("?chapter=race&t=23:48").
	URL string `json:"url"`
	// Embed, Controls ("full", "min", "none"), Theme ("dark", "light",
	// "high-contrast") and Motion ("full", "reduce") are the reader's
	// settings.
	Embed    bool   `json:"embed"`
	Controls string `json:"controls"`
	Theme    string `json:"theme"`
	Motion   string `json:"motion"`
	// Spotlight names the stages story mode's diagram is about (one or
	// two of "dns", "zone", "resolvers", "dwfm", "netmgr", "nlb",
	// "services", "apps"); Stages says in words what each stage shows.
	Spotlight []string          `json:"spotlight"`
	Stages    map[string]string `json:"stages"`
	// Overlay is the dialog open ("help", "scoreboard", "share", "race",
	// "reports", "safeguards" for the phone's sheet, or ""); Waiting is set while
	// story mode waits at a chapter's end for Next.
	Overlay string `json:"overlay"`
	Waiting bool   `json:"waiting"`
	// ReplayStep and ReplaySteps follow the race checker's counterexample
	// replayed in the diagram (0 when it is not).
	ReplayStep  int `json:"replay_step"`
	ReplaySteps int `json:"replay_steps"`
	// Gauges are the numbers the diagram shows at t.
	Gauges Gauges `json:"gauges"`
	// RaceRisk is how often the race empties the endpoint over many
	// nights with the safeguards on, when one of them acts on the race.
	RaceRisk *RaceRisk `json:"race_risk,omitempty"`
	// Worlds is the verdict over the plausible worlds (absent for the
	// real night).
	Worlds *StateWorlds `json:"worlds,omitempty"`
}

// StateWorlds is the verdict over the plausible worlds in State.
type StateWorlds struct {
	// Done of Total worlds are judged; the rest is absent until all are.
	Done  int `json:"done"`
	Total int `json:"total"`
	// Kinds is the share of worlds per verdict kind; Robust when one kind
	// holds in 90% of them, otherwise DependsOn names the deciding
	// estimate when one does.
	Kinds     map[string]float64 `json:"kinds,omitempty"`
	Robust    bool               `json:"robust"`
	DependsOn *worlds.Split      `json:"depends_on,omitempty"`
	// SavedServiceHours is the band of AWS service-hours saved.
	SavedServiceHours *worlds.Band `json:"saved_service_hours,omitempty"`
	// Central is the verdict in the world the animation plays.
	Central string `json:"central,omitempty"`
	Text    string `json:"text"`
}

func (a *App) stateWorlds() *StateWorlds {
	v := a.Ensemble()
	if v.Total == 0 {
		return nil
	}
	w := &StateWorlds{Done: v.Done, Total: v.Total, Text: EnsembleWords(a.Lang, v)}
	if s := v.Summary; s != nil {
		w.Kinds = map[string]float64{}
		for k, x := range s.Kinds {
			w.Kinds[string(k)] = x
		}
		w.Robust, w.DependsOn, w.Central = s.Robust, s.DependsOn, string(s.Central)
		b := s.SavedServiceHours
		w.SavedServiceHours = &b
	}
	return w
}

var chromeNames = [...]string{"full", "min", "none"}

func (c Chrome) String() string {
	if c >= 0 && int(c) < len(chromeNames) {
		return chromeNames[c]
	}
	return "full"
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
	motion := "full"
	if a.ReduceMotion {
		motion = "reduce"
	}
	st := State{
		T: FormatTime(a.T), Playing: a.Playing, Speed: a.Speed(),
		Chapter: a.Chapter + 1, Chapters: len(a.chapters), Mode: a.Mode.String(),
		Safeguards: SafeguardStrings(a.Set),
		Verdict:    StateVerdict{Kind: v.Kind, Summary: summaryIn(v, a.Lang)},
		Caption:    cap, Lang: a.Lang,
		Feed: a.FeedText(), URL: a.Query(),
		Embed: a.Embed, Controls: a.Chrome.String(), Theme: a.Theme.String(), Motion: motion,
		Spotlight: a.spotlightIDs(), Stages: a.stageTexts(),
		Overlay: a.overlayName(), Waiting: a.AwaitNext,
		Gauges: a.cur.GaugesWith(a.T, a.Zone()), RaceRisk: a.RaceRisk(), Worlds: a.stateWorlds(),
	}
	if r := a.replay; r != nil {
		st.ReplayStep, st.ReplaySteps = r.Step, len(r.Steps)
	}
	return st
}

func (a *App) overlayName() string {
	switch a.Overlay() {
	case OverHelp:
		return "help"
	case OverScoreboard:
		return "scoreboard"
	case OverShare:
		return "share"
	case OverRace:
		return "race"
	case OverReports:
		return "reports"
	}
	if a.SheetOpen {
		return "safeguards"
	}
	return ""
}

func (a *App) spotlightIDs() []string {
	f, s := a.SpotlightStages()
	out := []string{f.ID()}
	if s != NoStage {
		out = append(out, s.ID())
	}
	return out
}

func (a *App) stageTexts() map[string]string {
	m := make(map[string]string, NumStages)
	for s := range NumStages {
		m[s.ID()] = a.DescribeStage(s)
	}
	return m
}

// FeedText is the latest notable or key event at or before the playhead,
// in words ("" before the first).
func (a *App) FeedText() string {
	i := a.LatestKeyEvent(a.T)
	if i < 0 {
		return ""
	}
	return story.EventText(a.Lang, a.cur.Result, a.cur.Result.Events[i])
}

// Signature is what the page is told about when it changes: chapter,
// caption (by beat), safeguards, verdict, playing, language, mode and the
// latest notable event. Comparing two is cheap and allocates nothing.
type Signature struct {
	Chapter, Beat int
	Set           uint64
	Verdict       string
	Playing       bool
	Lang          string
	Mode          Mode
	Event         int
	Theme         Theme
	Motion        bool
}

// Signature returns the app's current signature.
func (a *App) Signature() Signature {
	c, b := a.Beat()
	return Signature{Chapter: c, Beat: b, Set: uint64(a.Set), Verdict: a.cur.Verdict.Kind,
		Playing: a.Playing, Lang: a.Lang, Mode: a.Mode, Event: a.LatestKeyEvent(a.T),
		Theme: a.Theme, Motion: a.ReduceMotion}
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

// APIChapter jumps to a chapter given as a number counted from 1 (as
// state().chapter and the link's chapter parameter count) or a chapter
// id ("race").
func (a *App) APIChapter(args []any) error {
	n := len(a.chapters)
	if len(args) != 1 {
		return fmt.Errorf("chapter takes one argument: a number from 1 to %d or a chapter id", n)
	}
	switch v := args[0].(type) {
	case float64:
		i, err := ParseChapter(v, n)
		if err != nil {
			return err
		}
		a.SetChapter(i)
		return nil
	case string:
		if i := story.Index(v); i >= 0 {
			a.SetChapter(i)
			return nil
		}
		return fmt.Errorf("chapter: unknown chapter %q; valid: 1 to %d or %s", v, n, strings.Join(story.IDs(), ", "))
	}
	return fmt.Errorf("chapter: want a number from 1 to %d or a chapter id, got %s", n, typeName(args[0]))
}

// APISetLang switches the language ("en", "id"; a tag such as "id-ID"
// is read as its language).
func (a *App) APISetLang(args []any) error {
	if len(args) != 1 {
		return fmt.Errorf("setLang takes one argument: one of %s", strings.Join(i18n.Langs(), ", "))
	}
	s, ok := args[0].(string)
	if !ok {
		return fmt.Errorf("setLang: want a language string (%s), got %s", strings.Join(i18n.Langs(), ", "), typeName(args[0]))
	}
	l, err := ParseLang(s)
	if err != nil {
		return err
	}
	a.SetLang(l)
	a.LangFromLink = true
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

func summaryIn(v Verdict, lang string) string {
	s, _ := v.In(lang)
	return s
}
