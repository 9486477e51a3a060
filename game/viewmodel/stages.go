package viewmodel

import (
	"github.com/outagelab/outage/game/sim"
)

// StagePrefix prefixes a stage's widget id in layout(): "stage.dwfm".
const StagePrefix = "stage."

// stageIDs are the stages' stable names, in Stage order.
var stageIDs = [NumStages]string{"dns", "zone", "resolvers", "dwfm", "netmgr", "nlb", "services", "apps"}

// ID is the stage's stable name ("dns", "zone", "resolvers", "dwfm",
// "netmgr", "nlb", "services", "apps"), "" for no stage.
func (s Stage) ID() string {
	if s < 0 || s >= NumStages {
		return ""
	}
	return stageIDs[s]
}

// StageByID returns the stage a name names.
func StageByID(id string) (Stage, bool) {
	for i, n := range stageIDs {
		if n == id {
			return Stage(i), true
		}
	}
	return 0, false
}

var stageWidgets = func() (w [NumStages]WidgetID) {
	for i, n := range stageIDs {
		w[i] = WidgetID(StagePrefix + n)
	}
	return
}()

// StageWidget is the widget id of a stage's box ("stage.dwfm").
func StageWidget(s Stage) WidgetID {
	if s < 0 || s >= NumStages {
		return WNone
	}
	return stageWidgets[s]
}

// NoStage marks the absence of a second spotlighted stage.
const NoStage Stage = -1

// Spotlight is the stage or pair of stages a chapter is about, in the
// order they are drawn (cause first); Second is NoStage when the chapter
// needs one stage only, so that one gets all the room.
func Spotlight(chapterID string) (first, second Stage) {
	switch chapterID {
	case "normal-night", "race", "stuck":
		return StageAutomation, StageZone
	case "dynamodb-dark":
		return StageResolvers, StageServices
	case "leases":
		return StageResolvers, StageDWFM
	case "collapse":
		return StageDWFM, NoStage
	case "network-backlog":
		return StageDWFM, StageNetMgr
	case "health-checks":
		return StageNLB, StageServices
	case "long-tail", "what-if":
		return StageServices, StageApps
	}
	return StageForChapter(chapterID), NoStage
}

// heldHealth is service i's health held from the last sample.
func heldHealth(res *sim.Result, i int, t sim.Time) float64 {
	if i < 0 || i >= len(res.Series.Health) || len(res.Series.Health[i]) == 0 {
		return 1
	}
	return float64(res.Series.Health[i][res.Series.Index(t)])
}

// DescribeStage says in words what stage s shows at t in run res, for the
// live region and the text alternative: z is the zone at t, line DWFM's
// capacity × timeout.
func DescribeStage(lang string, s Stage, res *sim.Result, t sim.Time, z *ZoneState, line float64) string {
	g := (&Run{Result: res}).GaugesWith(t, z)
	switch s {
	case StageAutomation:
		return DescribeDNS(lang, z)
	case StageZone:
		return DescribeZone(lang, z)
	case StageResolvers:
		return ResolversAt(g, z).Describe(lang)
	case StageDWFM:
		return DWFMAt(res, t, g, line).Describe(lang)
	case StageNetMgr:
		return NetMgrAt(res, g).Describe(lang)
	case StageNLB:
		return NLBAt(g).Describe(lang)
	case StageServices:
		return DescribeServices(lang, res, t, sim.AWSService)
	case StageApps:
		return DescribeServices(lang, res, t, sim.App)
	}
	return ""
}

// KeyRows are the timeline rows (service ids) a chapter talks about: story
// mode names them on the timeline, next to the playhead, so that a reader
// need not hover to find them.
func KeyRows(chapterID string) []string {
	switch chapterID {
	case "normal-night", "race", "stuck":
		return []string{"dynamodb"}
	case "dynamodb-dark":
		return []string{"dynamodb", "lambda", "sts"}
	case "leases", "collapse":
		return []string{"dynamodb", "ec2"}
	case "network-backlog":
		return []string{"ec2", "nlb"}
	case "health-checks":
		return []string{"nlb", "sts"}
	case "long-tail":
		return []string{"ec2", "lambda", "ecs"}
	case "what-if":
		return []string{"dynamodb", "ec2", "nlb"}
	}
	return nil
}
