package sim

import "github.com/outagelab/outage/game/safeguard"

// Operators act after detection and diagnosis delays, each relative to
// what triggers it, and each checks on arrival that its action is still
// needed: when a safeguard changes the course of events, the people
// respond to the new course rather than to the old clock.

type opsAction int32

const (
	opDiagnose opsAction = iota
	opMitigate
	opRepair
	opDWFM
	opSQS
	opNLBDetect
	opNLBDisable
	opRelax
	opReenable
	opFreeze
)

type ops struct {
	investigating bool
	mitigated     bool
	sqsScheduled  bool
	relaxing      bool
	reenable      bool
}

func (s *sim) schedule(after Time, a opsAction) {
	s.q.push(event{at: s.now + after, kind: evOps, a: int32(a)})
}

// opsTriggers looks for the symptoms people react to.
func (s *sim) opsTriggers() {
	o := &s.ops
	p := s.sc.Ops
	if !o.investigating && !s.seen["ops.root_cause_identified"] && s.signal("dynamodb") > Healthy {
		o.investigating = true
		delay := p.DiagnoseMin
		if s.sg.Has(safeguard.EmptyEndpointAlarm) && s.dns.empty {
			delay = p.AlarmDiagnoseMin
		}
		s.emit(Event{Kind: "ops.investigating", Subject: "ops"}, false)
		s.schedule(mins(delay), opDiagnose)
	}
	if s.sqsFailed && !o.sqsScheduled && s.seen["dynamodb.up"] {
		o.sqsScheduled = true
		s.schedule(mins(p.SQSMin), opSQS)
	}
	if s.ln.throttle && !o.relaxing && s.ln.rampFrom == 0 && s.nm.latency < s.sc.NetMgr.NormalLatencyMin &&
		s.ln.pending < 5 && s.dw.backlog() < 0.005 && s.seen["ops.dwfm_throttle_restart"] {
		o.relaxing = true
		s.schedule(mins(p.RelaxMin), opRelax)
	}
	if s.lb.disabled && !o.reenable && !s.ln.throttle && s.signal("ec2") == Healthy {
		o.reenable = true
		s.schedule(mins(p.ReenableMin), opReenable)
	}
}

// onRecovered notes services whose recovery people wait for.
func (s *sim) onRecovered(id string) {
	if id == "dynamodb" {
		s.seen["dynamodb.up"] = true
	}
}

func (s *sim) opsAction(a opsAction) {
	p := s.sc.Ops
	o := &s.ops
	switch a {
	case opDiagnose:
		o.investigating = false
		if s.signal("dynamodb") == Healthy && !s.dns.broken() {
			s.emit(Event{Kind: "ops.investigation_closed", Subject: "ops"}, false)
			return
		}
		s.milestone("ops.root_cause_identified", Event{Subject: "ops"})
		s.schedule(mins(p.MitigateMin), opMitigate)
		s.schedule(mins(p.RepairMin), opRepair)
		s.schedule(mins(s.sc.DNS.FreezeMin), opFreeze)
	case opMitigate:
		if s.errExt > s.sc.DynamoDB.ErrorThreshold {
			o.mitigated = true
			s.milestone("ops.partial_mitigation", Event{Subject: "ops"})
		}
	case opRepair:
		if s.dns.broken() {
			s.dns.repair()
			s.milestone("dns.restored", Event{Subject: "ops", Gen: s.dns.gen})
		}
	case opDWFM:
		if s.dw.backlog() > 0.01 {
			s.dw.restart(p.DWFMThrottle)
			s.ln.throttle = true
			s.milestone("ops.dwfm_throttle_restart", Event{Subject: "ops", Value: s.dw.backlog()})
		}
	case opSQS:
		if s.sqsFailed {
			s.sqsFailed = false
			s.milestone("lambda.sqs_restored", Event{Subject: "ops"})
		}
	case opNLBDetect:
		if s.lb.err > s.sc.NLB.ErrorThreshold {
			s.milestone("nlb.detected", Event{Subject: "ops", Value: s.lb.err})
			s.schedule(mins(p.NLBDisableMin), opNLBDisable)
		}
	case opNLBDisable:
		if s.lb.err > s.sc.NLB.ErrorThreshold {
			s.lb.disabled = true
			s.milestone("nlb.failover_disabled", Event{Subject: "ops"})
		}
	case opRelax:
		if s.ln.throttle {
			s.ln.rampFrom = s.now
			s.milestone("ec2.throttles_relaxed", Event{Subject: "ops"})
		}
	case opFreeze:
		s.dns.freeze()
	case opReenable:
		s.lb.disabled = false
		s.milestone("nlb.failover_reenabled", Event{Subject: "ops"})
	}
}
