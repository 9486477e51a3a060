/*
 * The DNS race of 19 October 2025 in Promela: the model game/check
 * explores, written out for Spin so that an independent checker can
 * answer the same questions (game/check/spin_test.go runs it).
 *
 * Parameters, as spin -D macros (defaults: the reference model):
 *   ENACTORS   number of Enactors, 1..4                Config.Enactors
 *   PLANS      plan generations issued, 2..12           Config.Plans
 *   THRESHOLD  clean-up deletes plans THRESHOLD or      Config.Threshold
 *              more generations older, 1..PLANS
 *   APPLY_TIME_CHECK, SPARE_ACTIVE_PLAN,                the safeguards of the
 *   SELF_HEALING_ROLLBACK, FEWER_PLANS  (0 or 1)        same ids
 *   NOGHOST    leave out the step marker and the LTL properties: Spin then
 *              stores exactly the states game/check stores (same count)
 *
 *   spin -DENACTORS=3 -DPLANS=6 -a dns.pml && gcc -DSAFETY -DNOREDUCE -o pan pan.c
 *   ./pan -N addresses    (or nodelete, failure, stuck, reach, canary)
 *
 * How it corresponds to the Go model (model.go):
 *   issued, deleted, alias, rollback    state.issued, .deleted, .alias, .rollback
 *                                       (deleted: bit g-1 is generation g)
 *   last[i], phase[i]                   state.last[i], state.phase[i]
 *   proctype Planner                    the Planner's move (actIssue)
 *   proctype Enactor, pid i+1           Enactor i; each d_step is one move of
 *                                       model.enactorStep/applyMove:
 *     receive                             actReceive
 *     check / check-stale                 actCheck / actCheckStale
 *     apply (four outcomes)               actApplyRefused (plan-deleted, stale),
 *                                         actApplyFailed, actApply (also the
 *                                         self-healed one)
 *     cleanup                             actCleanup with model.cleanupSet
 *   EXISTS(g)                           state.exists(g)
 *   step                                ghost: what the last move did, only
 *                                       for the properties (STEP_OTHER for
 *                                       every move that matters to none)
 *
 * Every move is one d_step and every process has one control location, so
 * a Spin state is exactly a Go state (plus the ghost), and interleaving
 * the d_steps is interleaving the Go model's moves.
 *
 * fewer-plans lowers the rate at which the Planner issues plans. Rates do
 * not exist in an untimed model: the Planner may issue its next plan at any
 * moment, so the same interleavings exist and FEWER_PLANS changes nothing
 * here, as it changes nothing in game/check.
 *
 * Properties (checked one at a time with pan -N):
 *   reach      holds trivially; a search for it visits every reachable
 *              (state, step) pair once, so its count can be compared with
 *              the states game/check explores.
 *   addresses  EndpointHasAddresses: in every state the alias names an
 *              existing plan tree.
 *   nodelete   NeverDeleteActive: no clean-up deletes the plan the alias
 *              names (the step marker says the move just taken did).
 *   failure    a batch fails (its rollback target is gone); Progress can
 *              only be violated if this is reachable.
 *   stuck      after any failed batch, no batch ever commits again.
 *   canary     after a batch commits, none ever fails: false on the night.
 *              Of the same form as "stuck", it shows that pan compiled with
 *              -DSAFETY does find violations of that form.
 * Progress in game/check is a branching-time property: a failed batch is
 * reachable after which no batch can commit on ANY continuation (EF of an
 * AG). LTL cannot state that directly; spin_test.go decides it from
 * "failure" and "stuck": violated if a failure is reachable and "stuck"
 * holds, holds if no failure is reachable, and undecided (the test fails)
 * otherwise.
 */

#ifndef ENACTORS
#define ENACTORS 2
#endif
#ifndef PLANS
#define PLANS 5
#endif
#ifndef THRESHOLD
#define THRESHOLD 2
#endif
#ifndef APPLY_TIME_CHECK
#define APPLY_TIME_CHECK 0
#endif
#ifndef SPARE_ACTIVE_PLAN
#define SPARE_ACTIVE_PLAN 0
#endif
#ifndef SELF_HEALING_ROLLBACK
#define SELF_HEALING_ROLLBACK 0
#endif
#ifndef FEWER_PLANS
#define FEWER_PLANS 0
#endif

/* phase */
#define IDLE     0
#define RECEIVED 1
#define CHECKED  2
#define APPLIED  3

/* step: what the last move did */
#define STEP_OTHER         0
#define STEP_COMMIT        1  /* a batch committed (actApply) */
#define STEP_FAIL          2  /* a batch failed (actApplyFailed) */
#define STEP_DELETE_ACTIVE 3  /* clean-up deleted the plan the alias named */

#ifdef NOGHOST
#define MARK(k) skip
#else
#define MARK(k) step = k
byte step = STEP_OTHER;
#endif

byte issued = 1;          /* plan 1 exists at the start */
short deleted = 0;
byte alias = 1;           /* and the alias names it */
byte rollback = 0;        /* the rollback record names nothing yet */
byte last[ENACTORS] = 1;  /* every Enactor has taken plan 1 */
byte phase[ENACTORS] = IDLE;

hidden short del;         /* scratch of the clean-up d_step, always 0 between moves */

#define BIT(g)     (1 << ((g) - 1))
#define EXISTS(g)  ((g) >= 1 && (g) <= issued && (deleted & BIT(g)) == 0)

active proctype Planner()
{
end:
	do
	:: d_step { issued < PLANS -> issued++; MARK(STEP_OTHER) }
	od
}

active [ENACTORS] proctype Enactor()
{
#define I (_pid - 1)
#define P last[I]
end:
	do
	/* receive: take the newest plan, if newer than the last one taken */
	:: d_step { phase[I] == IDLE && issued > P ->
		P = issued; phase[I] = RECEIVED; MARK(STEP_OTHER) }

	/* the one-time staleness check, against the alias as it is now */
	:: d_step { phase[I] == RECEIVED && P > alias ->
		phase[I] = CHECKED; MARK(STEP_OTHER) }
	:: d_step { phase[I] == RECEIVED && P <= alias ->
		phase[I] = IDLE; MARK(STEP_OTHER) }

	/* the change batch, with nothing re-checked since */
	:: d_step { phase[I] == CHECKED ->
		if
		:: !EXISTS(P) ->                   /* apply-refused: plan-deleted */
			phase[I] = IDLE; MARK(STEP_OTHER)
		:: else ->
			if
			:: APPLY_TIME_CHECK && alias >= P ->  /* apply-refused: stale */
				phase[I] = IDLE; MARK(STEP_OTHER)
			:: else ->
				if
				:: !EXISTS(alias) && SELF_HEALING_ROLLBACK ->
					rollback = P; alias = P; phase[I] = APPLIED; MARK(STEP_COMMIT)
				:: !EXISTS(alias) && !SELF_HEALING_ROLLBACK ->
					phase[I] = IDLE; MARK(STEP_FAIL)   /* apply-failed */
				:: else ->
					rollback = alias; alias = P; phase[I] = APPLIED; MARK(STEP_COMMIT)
				fi
			fi
		fi }

	/* clean-up: delete every existing plan THRESHOLD or more generations
	 * older than the one just applied, in one step */
	:: d_step { phase[I] == APPLIED ->
		if
		:: P > THRESHOLD -> del = (BIT(P - THRESHOLD + 1) - 1) & ~deleted
		:: else -> del = 0
		fi;
		if
		:: SPARE_ACTIVE_PLAN && alias >= 1 -> del = del & ~BIT(alias)
		:: else -> skip
		fi;
		if
		:: SPARE_ACTIVE_PLAN && rollback >= 1 -> del = del & ~BIT(rollback)
		:: else -> skip
		fi;
		if
		:: alias >= 1 && (del & BIT(alias)) != 0 -> MARK(STEP_DELETE_ACTIVE)
		:: else -> MARK(STEP_OTHER)
		fi;
		deleted = deleted | del;
		del = 0;
		phase[I] = IDLE }
	od
}

#ifndef NOGHOST
#define HAS_ADDRESSES EXISTS(alias)
ltl reach { [] (issued >= 1) }
ltl addresses { [] HAS_ADDRESSES }
ltl nodelete { [] (step != STEP_DELETE_ACTIVE) }
ltl failure { [] (step != STEP_FAIL) }
ltl stuck { [] ((step == STEP_FAIL) -> [] (step != STEP_COMMIT)) }
ltl canary { [] ((step == STEP_COMMIT) -> [] (step != STEP_FAIL)) }
#endif
