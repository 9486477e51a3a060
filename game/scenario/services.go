package scenario

// Signal names something a service can depend on: a part of the system
// the simulation computes (the constants below) or another service, by id.
type Signal string

// The parts of the system a service can depend on.
const (
	// SigDynamoDB is DynamoDB as external clients see it.
	SigDynamoDB Signal = "dynamodb"
	// SigDynamoDBInternal is DynamoDB as AWS's internal services see it;
	// from 01:15 temporary mitigations restored it for some (PES).
	SigDynamoDBInternal Signal = "dynamodb-internal"
	// SigEC2Launch is new EC2 instances launching with connectivity.
	SigEC2Launch Signal = "ec2-launch"
	// SigNLB is Network Load Balancer capacity.
	SigNLB Signal = "nlb"
	// SigLambdaSQS is Lambda's internal SQS poller.
	SigLambdaSQS Signal = "lambda-sqs"
	// SigRedshiftJobs is Redshift's cluster-replacement backlog.
	SigRedshiftJobs Signal = "redshift-jobs"
	// SigRedshiftIAM is the separate defect that failed Redshift queries by
	// IAM users in all Regions (PES).
	SigRedshiftIAM Signal = "redshift-iam"
)

// Link is one dependency of a service.
type Link struct {
	On Signal
	// Hard: the service is as impaired as what it depends on. Otherwise a
	// dependency that is down only degrades it.
	Hard bool
	// OnsetMin: how long the dependency must be impaired before the service
	// is (caches, retries).
	OnsetMin float64
	// LagMin: how long after the dependency recovers the service does
	// (connection pools, backlogs).
	LagMin float64
	// Mitigable: the operators' temporary mitigation (PES 01:15) restored
	// this internal path to DynamoDB.
	Mitigable bool
	// Above: for a dependency on NLB, the service is impaired only while
	// more than this share of connections fail (its clients' retries and
	// spare capacity absorb less); 0 means any impairment counts.
	Above float64
}

// Service is an AWS service or an app in the dependency graph. A service
// may depend only on signals and on services listed before it.
type Service struct {
	ID   string
	Name string
	// App marks an app on the Internet; its dependencies are illustrative.
	App   bool
	Links []Link
	// Note says where the dependencies come from.
	Note string
	// StartUncertain: the PES gives no firm start time for this service's
	// impairment; the UI marks its start as uncertain.
	StartUncertain bool
	// Independent marks a disruption with a cause of its own, outside the
	// chain that starts at the DNS race: no safeguard here touches it, and
	// verdicts count it separately.
	Independent bool
}

func hard(s Signal, onset, lag float64) Link {
	return Link{On: s, Hard: true, OnsetMin: onset, LagMin: lag}
}
func soft(s Signal, onset, lag float64) Link { return Link{On: s, OnsetMin: onset, LagMin: lag} }

// services is the graph. AWS services first (PES), then illustrative apps.
func services() []Service {
	mit := func(l Link) Link { l.Mitigable = true; return l }
	// above: the service fails only while more than x of NLB connections
	// fail (estimate: its callers retry, so a few failures are absorbed).
	above := func(l Link, x float64) Link { l.Above = x; return l }
	s := []Service{
		{ID: "dynamodb", Name: "DynamoDB", Links: []Link{hard(SigDynamoDB, 0, 0)},
			Note: "PES: the regional endpoint's empty DNS record"},
		{ID: "ec2", Name: "EC2 launches", Links: []Link{hard(SigEC2Launch, 0, 0)},
			Note: "PES: DWFM leases, throttling, Network Manager"},
		{ID: "nlb", Name: "Network Load Balancer", Links: []Link{hard(SigNLB, 0, 0)},
			Note: "PES: health checks and AZ failover"},
		{ID: "lambda", Name: "Lambda", Links: []Link{
			hard(SigDynamoDBInternal, 3, 0), // PES: errors from 23:51
			soft(SigLambdaSQS, 0, 0),        // PES: SQS poller restored 04:40
			soft(SigEC2Launch, 10, 25),      // estimate: warm capacity lasts a while; fitted: normal 14:15, 25 min after EC2
			soft(SigNLB, 0, 0),
		}, Note: "PES"},
		{ID: "sts", Name: "STS", Links: []Link{
			mit(hard(SigDynamoDBInternal, 3, 4)), // PES: 23:51; recovered 01:19 after 01:15 mitigation
			above(hard(SigNLB, 0, 30), 0.18),     // PES: second wave 08:31 (tolerance fitted with NLB.FailoverRate); lag fitted: recovered 09:59
		}, Note: "PES"},
		{ID: "iam", Name: "IAM console sign-in", Links: []Link{
			mit(hard(SigDynamoDBInternal, 3, 10)), // PES: 23:51; fitted lag: 01:15 → 01:25
		}, Note: "PES"},
		{ID: "ecs", Name: "ECS / EKS / Fargate", Links: []Link{
			hard(SigEC2Launch, 0, 30), // fitted lag: EC2 13:50 → 14:20
			soft(SigNLB, 0, 0),
		}, Note: "PES (start time uncertain)", StartUncertain: true},
		{ID: "connect", Name: "Amazon Connect", Links: []Link{
			hard(SigDynamoDBInternal, 8, 0), // PES: start 23:56 or 00:20 (uncertain); 8 min takes the earlier
			hard(SigLambdaSQS, 0, 20),       // estimate: first wave to 05:00 (PES)
			soft(SigNLB, 0, 0),              // PES: second wave from 07:04 (NLB and Lambda), restored 13:20: not fitted, compared in the held-out check
		}, Note: "PES (start uncertain: 23:56 or 00:20)", StartUncertain: true},
		{ID: "redshift", Name: "Redshift", Links: []Link{
			hard(SigDynamoDB, 0, 0),     // PES: API/query errors
			soft(SigRedshiftJobs, 0, 0), // PES: cluster replacements until Oct 21 04:05
		}, Note: "PES"},
		{ID: "redshift-iam", Name: "Redshift IAM-user queries (all Regions)", Links: []Link{
			soft(SigRedshiftIAM, 0, 0), // PES: a separate defect, 23:47–01:20; queries by other users worked
		}, Note: "PES: a separate defect, in every Region", Independent: true},
		{ID: "sqs-lambda", Name: "SQS event sources (Lambda)", Links: []Link{
			hard(SigLambdaSQS, 0, 0),
		}, Note: "PES"},
		{ID: "support", Name: "Support Center", Links: []Link{
			hard(SigDynamoDBInternal, 0, 0), // PES: its failover logic got invalid (not failed) answers, so it did not fail over; mitigated 02:40
		}, Note: "PES (invalid, not failed, answers kept its failover from acting)"},
	}
	// Apps: illustrative dependencies (FACTS §6: per-app timings are mostly
	// undocumented; the UI labels these as illustrative).
	app := func(id, name string, links ...Link) Service {
		return Service{ID: id, Name: name, App: true, Links: links, Note: "illustrative"}
	}
	const (
		ddb = Signal("dynamodb")
		lam = Signal("lambda")
		sts = Signal("sts")
		ec2 = Signal("ec2")
		nlb = Signal("nlb")
		ecs = Signal("ecs")
		con = Signal("connect")
	)
	s = append(s,
		app("snapchat", "Snapchat", hard(ddb, 0, 10), soft(ec2, 0, 0)),
		app("reddit", "Reddit", hard(ddb, 0, 20), soft(nlb, 0, 0), soft(ec2, 0, 0)),
		app("roblox", "Roblox", hard(ddb, 0, 30), soft(nlb, 0, 0)),
		app("fortnite", "Fortnite", hard(ddb, 0, 30), soft(ec2, 0, 0), soft(nlb, 0, 0)),
		app("venmo", "Venmo", hard(ddb, 0, 15), soft(lam, 0, 0)),
		app("coinbase", "Coinbase", hard(ddb, 0, 20), soft(sts, 0, 0)),
		app("ring", "Ring", hard(ddb, 0, 15), soft(lam, 0, 0), soft(nlb, 0, 0)),
		app("alexa", "Alexa", hard(ddb, 0, 15), soft(lam, 0, 0)),
		app("signal", "Signal", hard(ddb, 0, 10), soft(nlb, 0, 0)),
		app("slack", "Slack", hard(nlb, 0, 10), soft(ddb, 0, 0), soft(ec2, 0, 0)),
		app("zoom", "Zoom", soft(ddb, 0, 0), soft(nlb, 0, 0)),
		app("lloyds", "Lloyds Bank", hard(ddb, 0, 30), soft(con, 0, 0)),
		app("prime-video", "Prime Video", soft(ddb, 0, 0), soft(ec2, 0, 0)),
		app("duolingo", "Duolingo", hard(ddb, 0, 10), soft(lam, 0, 0)),
		app("docker-hub", "Docker Hub", hard(ddb, 0, 20), soft(ecs, 0, 0), soft(nlb, 0, 0)),
		app("npm", "npm", soft(ddb, 0, 0), soft(ec2, 0, 0)),
	)
	return s
}
