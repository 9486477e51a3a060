package viewmodel

// Command is something the user asks for, whatever the input device.
type Command int

// The commands.
const (
	CmdNone Command = iota
	CmdTogglePlay
	CmdPrevEvent
	CmdNextEvent
	CmdPrevChapter
	CmdNextChapter
	CmdSlower
	CmdFaster
	CmdHome
	CmdEnd
	CmdSafeguards
	CmdHelp
	CmdFullscreen
	CmdScoreboard
	CmdMode
	CmdClose
	CmdClearSafeguards
	CmdShare
	CmdRace
	CmdLang
	CmdMotion
	CmdTheme
	CmdContrast
	CmdDismiss
	CmdStoryMode
	CmdExploreMode
	CmdPace
	CmdReports
	CmdReplay
	CmdReplayPrev
	CmdReplayNext
)

var commandNames = [...]string{
	CmdNone: "none", CmdTogglePlay: "play_pause", CmdPrevEvent: "prev_event",
	CmdNextEvent: "next_event", CmdPrevChapter: "prev_chapter", CmdNextChapter: "next_chapter",
	CmdSlower: "slower", CmdFaster: "faster", CmdHome: "home", CmdEnd: "end",
	CmdSafeguards: "safeguards", CmdHelp: "help", CmdFullscreen: "fullscreen",
	CmdScoreboard: "scoreboard", CmdMode: "mode", CmdClose: "close", CmdClearSafeguards: "clear",
	CmdShare: "share", CmdRace: "race", CmdLang: "lang", CmdMotion: "motion", CmdTheme: "theme",
	CmdContrast: "contrast", CmdDismiss: "dismiss", CmdStoryMode: "story", CmdExploreMode: "explore",
	CmdPace: "pace", CmdReports: "reports", CmdReplay: "replay", CmdReplayPrev: "replay_prev", CmdReplayNext: "replay_next",
}

func (c Command) String() string {
	if c >= 0 && int(c) < len(commandNames) {
		return commandNames[c]
	}
	return "unknown"
}

// Key names the keys the app listens to, independent of the input
// library. The view translates its key codes to these.
type Key string

// The keys.
const (
	KeySpace     Key = "Space"
	KeyLeft      Key = "ArrowLeft"
	KeyRight     Key = "ArrowRight"
	KeyPageUp    Key = "PageUp"
	KeyPageDown  Key = "PageDown"
	KeyBracketL  Key = "BracketLeft"
	KeyBracketR  Key = "BracketRight"
	KeyHome      Key = "Home"
	KeyEnd       Key = "End"
	KeyS         Key = "KeyS"
	KeyB         Key = "KeyB"
	KeyM         Key = "KeyM"
	KeyF         Key = "KeyF"
	KeyQuestion  Key = "Slash" // with Shift: "?"
	KeyEscape    Key = "Escape"
	KeyK         Key = "KeyK"
	KeyEnter     Key = "Enter"
	KeyBackspace Key = "Backspace"
	KeyTab       Key = "Tab"
	KeyE         Key = "KeyE"
	KeyL         Key = "KeyL"
	KeyC         Key = "KeyC"
	KeyR         Key = "KeyR"
	KeyX         Key = "KeyX"
	KeyT         Key = "KeyT"
	KeyP         Key = "KeyP"
	KeyW         Key = "KeyW"
)

// KeyBinding pairs a key with its command and the locale key of its help
// line.
type KeyBinding struct {
	Keys    []Key
	Command Command
	// Label is what the help overlay shows for the keys (a locale key).
	Label string
	// Help is the locale key of the help overlay's description.
	Help string
}

// Bindings lists the keyboard map in the order the help overlay shows it.
// Presentation clickers send PageUp/PageDown.
var Bindings = []KeyBinding{
	{[]Key{KeySpace, KeyK}, CmdTogglePlay, "key.space", "help.play"},
	{[]Key{KeyLeft}, CmdPrevEvent, "key.left", "help.prev_event"},
	{[]Key{KeyRight}, CmdNextEvent, "key.right", "help.next_event"},
	{[]Key{KeyPageUp}, CmdPrevChapter, "key.pageup", "help.prev_chapter"},
	{[]Key{KeyPageDown}, CmdNextChapter, "key.pagedown", "help.next_chapter"},
	{[]Key{KeyBracketL}, CmdSlower, "key.bracket_left", "help.slower"},
	{[]Key{KeyBracketR}, CmdFaster, "key.bracket_right", "help.faster"},
	{[]Key{KeyHome}, CmdHome, "key.home", "help.home"},
	{[]Key{KeyEnd}, CmdEnd, "key.end", "help.end"},
	{[]Key{KeyX}, CmdMode, "key.x", "help.mode"},
	{[]Key{KeyS}, CmdSafeguards, "key.s", "help.safeguards"},
	{[]Key{KeyB}, CmdScoreboard, "key.b", "help.scoreboard"},
	{[]Key{KeyR}, CmdRace, "key.r", "help.race"},
	{[]Key{KeyW}, CmdReports, "key.w", "help.reports"},
	{[]Key{KeyE}, CmdShare, "key.e", "help.share"},
	{[]Key{KeyL}, CmdLang, "key.l", "help.lang"},
	{[]Key{KeyM}, CmdMotion, "key.m", "help.motion"},
	{[]Key{KeyC}, CmdContrast, "key.c", "help.contrast"},
	{[]Key{KeyT}, CmdTheme, "key.t", "help.theme"},
	{[]Key{KeyP}, CmdPace, "key.p", "help.pace"},
	{[]Key{KeyQuestion}, CmdHelp, "key.question", "help.help"},
	{[]Key{KeyF}, CmdFullscreen, "key.f", "help.fullscreen"},
	{nil, CmdNone, "key.tab", "help.tab"},
	{nil, CmdNone, "key.enter", "help.enter"},
	{[]Key{KeyEscape}, CmdClose, "key.escape", "help.escape"},
}

// CommandForKey returns the command a key press asks for. "?" is
// Shift+Slash on most layouts; a plain "/" opens help too.
func CommandForKey(k Key) Command {
	for _, b := range Bindings {
		for _, bk := range b.Keys {
			if bk == k {
				return b.Command
			}
		}
	}
	return CmdNone
}

// CommandForWidget returns the command a click on a button asks for.
func CommandForWidget(w WidgetID) Command {
	switch w {
	case BtnPlay:
		return CmdTogglePlay
	case BtnPrevEvent:
		return CmdPrevEvent
	case BtnNextEvent:
		return CmdNextEvent
	case BtnPrevChapter:
		return CmdPrevChapter
	case BtnNextChapter:
		return CmdNextChapter
	case BtnSlower:
		return CmdSlower
	case BtnFaster:
		return CmdFaster
	case BtnMode:
		return CmdMode
	case BtnSafeguards:
		return CmdSafeguards
	case BtnScoreboard:
		return CmdScoreboard
	case BtnHelp:
		return CmdHelp
	case BtnFullscreen:
		return CmdFullscreen
	case BtnCloseSheet:
		return CmdClose
	case BtnClearAll:
		return CmdClearSafeguards
	case BtnShare:
		return CmdShare
	case BtnLang:
		return CmdLang
	case BtnRace:
		return CmdRace
	case BtnDismiss:
		return CmdDismiss
	case BtnNext:
		return CmdTogglePlay
	case BtnReplayPrev:
		return CmdReplayPrev
	case BtnReplayNext:
		return CmdReplayNext
	case BtnReplayExit:
		return CmdReplay
	}
	return CmdNone
}
