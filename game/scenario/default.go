package scenario

// Default returns the calibrated scenario of the night of 19–20 October 2025.
func Default() *Scenario {
	return &Scenario{
		Name: "us-east-1, 19–20 October 2025",
		Seed: 2,
		// To 15:00, past the end of the event (PES 14:20). Redshift's backlog
		// drains on into the next day; its end is projected from its rate.
		HorizonMin: 15*60 + 30,
		DNS: DNS{
			Endpoints: []string{
				"dynamodb.us-east-1.amazonaws.com",
				"dynamodb.us-east-1.api.aws",
				"dynamodb-fips.us-east-1.amazonaws.com",
				"*.ddb.us-east-1.amazonaws.com",
			},
			FirstGen:                100,
			PlanIntervalSec:         60,
			SlowLanePlanIntervalSec: 600,
			CleanupThreshold:        5,
			PickupMaxSec:            10,
			BatchSec:                6,
			BatchJitterSec:          2,
			LockTTLSec:              15,
			BackoffBaseSec:          2,
			BackoffMaxSec:           120,
			Trigger: Trigger{
				Enactor:  0,
				StartMin: 8,
				EndMin:   17,
				BatchSec: 90,
			},
			DetailUntilMin: 4 * 60, // 03:30: past the manual repair at 02:25
			Cells:          10,
			DWFMCells:      3,
			FreezeMin:      300, // 00:38 → 05:38 (DAT453, about)
		},
		Resolvers: Resolvers{
			Count:               96,
			PositiveTTLSec:      5,
			NegativeTTLMinSec:   60,
			NegativeTTLMaxSec:   900,
			ShortNegativeTTLSec: 5,
			LastGoodShare:       0.97,
			LastGoodHalfLifeMin: 24 * 60,
		},
		DynamoDB: DynamoDB{
			ErrorThreshold:      0.01,
			GlobalTablesCatchUp: 50,
		},
		DWFM: DWFM{
			LeaseMin:     156,
			Capacity:     1.0 / 74,
			TimeoutMin:   4,
			AdmitShare:   0.74, // 0.04 of the fleet
			StepSec:      15,
			StallGoodput: 0.01,
		},
		Launch: Launch{
			APILimit:         3,
			ThrottleRate:     2.41,
			RelaxRampMin:     147,
			SuccessThreshold: 0.99,
		},
		NetMgr: NetMgr{
			Capacity:         2.1,
			HighLatencyMin:   10,
			NormalLatencyMin: 1,
			ThrottleQueueMin: 0.5,
			ReleaseWork:      100,
		},
		NLB: NLB{
			GraceMin:       0.25,
			TargetsMin:     500,
			FailoverRate:   0.004,
			RecoverRate:    0.2,
			AZs:            3,
			FlapNoise:      0.2,
			VelocityLimit:  0.05,
			ErrorThreshold: 0.01,
			DownErrors:     0.5,
		},
		Ops: Ops{
			DiagnoseMin:      50,
			AlarmDiagnoseMin: 5,
			MitigateMin:      37,
			RepairMin:        107,
			DWFMMin:          89,
			DWFMThrottle:     0.04,
			SQSMin:           120,
			NLBDetectMin:     82,
			NLBDisableMin:    164,
			RelaxMin:         47,
			ReenableMin:      19,
		},
		Lambda: Lambda{
			PollerFailAfterMin: 10,
			BacklogDrain:       3.5,
		},
		Redshift: Redshift{
			IAMDefectStartMin: 17,  // 23:47
			IAMDefectEndMin:   110, // 01:20
			ImpairRate:        0.002,
			ReplaceRate:       0.000268,
		},
		Apps:     Apps{FailoverMin: 5},
		Services: services(),
	}
}
