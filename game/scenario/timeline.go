package scenario

// Milestone is one canonical event of FACTS.md §3 with its real PES time.
type Milestone struct {
	// ID is the canonical event id.
	ID string
	// Day is days after 19 October; Hour and Minute are PDT.
	Day, Hour, Minute int
	// Operator marks actions people took (their time follows a calibrated
	// delay); the others emerge from the model.
	Operator bool
	// Note qualifies the time ("by", "uncertain").
	Note string
}

// MinutesFromEpoch is the milestone's time in minutes after 23:30 on 19 Oct.
func (m Milestone) MinutesFromEpoch() float64 {
	return float64(m.Day*24*60+m.Hour*60+m.Minute) - (23*60 + 30)
}

// Clock is the PDT time as "HH:MM".
func (m Milestone) Clock() string {
	const digits = "0123456789"
	return string([]byte{digits[m.Hour/10], digits[m.Hour%10], ':', digits[m.Minute/10], digits[m.Minute%10]})
}

// Timeline is FACTS.md §3, in order.
var Timeline = []Milestone{
	{ID: "redshift.errors_start", Day: 0, Hour: 23, Minute: 47},
	{ID: "dns.record_empty", Day: 0, Hour: 23, Minute: 48},
	{ID: "lambda.errors_start", Day: 0, Hour: 23, Minute: 51},
	{ID: "sts.errors_start", Day: 0, Hour: 23, Minute: 51},
	{ID: "iam.errors_start", Day: 0, Hour: 23, Minute: 51},
	{ID: "ops.root_cause_identified", Day: 1, Hour: 0, Minute: 38, Operator: true},
	{ID: "ops.partial_mitigation", Day: 1, Hour: 1, Minute: 15, Operator: true},
	{ID: "sts.recovered", Day: 1, Hour: 1, Minute: 19},
	{ID: "iam.recovered", Day: 1, Hour: 1, Minute: 25},
	{ID: "dwfm.leases_lapsed", Day: 1, Hour: 2, Minute: 24, Note: "by"},
	{ID: "dns.restored", Day: 1, Hour: 2, Minute: 25, Operator: true},
	{ID: "dwfm.collapse", Day: 1, Hour: 2, Minute: 25, Note: "start of the window"},
	{ID: "ddb.global_tables_caught_up", Day: 1, Hour: 2, Minute: 32},
	{ID: "ddb.recovered", Day: 1, Hour: 2, Minute: 40},
	{ID: "ops.dwfm_throttle_restart", Day: 1, Hour: 4, Minute: 14, Operator: true},
	{ID: "lambda.sqs_restored", Day: 1, Hour: 4, Minute: 40, Operator: true},
	{ID: "dwfm.leases_restored", Day: 1, Hour: 5, Minute: 28},
	{ID: "nlb.errors_start", Day: 1, Hour: 5, Minute: 30},
	{ID: "netmgr.latency_high", Day: 1, Hour: 6, Minute: 21},
	{ID: "nlb.detected", Day: 1, Hour: 6, Minute: 52, Operator: true},
	{ID: "sts.errors_second_wave", Day: 1, Hour: 8, Minute: 31},
	{ID: "nlb.failover_disabled", Day: 1, Hour: 9, Minute: 36, Operator: true},
	{ID: "sts.recovered_second_wave", Day: 1, Hour: 9, Minute: 59},
	{ID: "netmgr.recovered", Day: 1, Hour: 10, Minute: 36},
	{ID: "ec2.throttles_relaxed", Day: 1, Hour: 11, Minute: 23, Operator: true},
	{ID: "ec2.recovered", Day: 1, Hour: 13, Minute: 50},
	{ID: "nlb.failover_reenabled", Day: 1, Hour: 14, Minute: 9, Operator: true},
	{ID: "lambda.recovered", Day: 1, Hour: 14, Minute: 15},
	{ID: "event.end", Day: 1, Hour: 14, Minute: 20},
	{ID: "redshift.recovered", Day: 2, Hour: 4, Minute: 5},
}

// Lookup returns the milestone with the given id.
func Lookup(id string) (Milestone, bool) {
	for _, m := range Timeline {
		if m.ID == id {
			return m, true
		}
	}
	return Milestone{}, false
}
