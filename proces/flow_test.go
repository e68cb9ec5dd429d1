package proces

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// date parses a YYYY-MM-DD date in UTC.
func date(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func ptr(f float64) *float64 { return &f }

// flowFixture is a small wijk; the period is 2025-02-01..2025-04-30 and an
// initiative is stuck after 60 days.
//
// Phase events (I = informatie, S = ontstaan, O = ontwikkel, A = autonoom, E = beeindigd):
//
//	ini-a  1 2025-01-10 ->I   2 2025-02-10 I->S   3 2025-04-01 S->O   4 2025-05-20 O->A (after the period)
//	ini-b  1 2025-01-05 ->I   2 2025-03-03 I->S   3 2025-03-05 S->I (undo)
//	ini-c  1 2024-11-01 ->I   2 2024-12-15 I->S   3 2025-01-20 S->O   4 2025-04-15 O->E
//	ini-d  1 2025-01-15 ->I   (never moves)
//
// People events (membership; * = outside the period):
//
//	e01 p1 instroom   ini-a m-a1         I 2025-01-12 *
//	e02 p2 instroom   ini-c m-c1         O 2025-01-25 *
//	e03 p3 instroom   ini-d m-d1         I 2025-01-20 *
//	e14 p8 instroom   ini-c m-c2         O 2025-01-22 *  never leaves the ended initiative
//	e04 p4 instroom   ini-b m-b1         I 2025-02-05
//	e05 p5 instroom   ini-a m-a2         S 2025-02-12    joins ...
//	e06 p5 uitstroom  ini-a m-a2         S 2025-03-20    ... and leaves within the period
//	e07 p3 doorstroom ini-a m-a3 <- m-d1 S 2025-03-10    from ini-d (I) to ini-a (S)
//	e08 p2 uitstroom  ini-c m-c1         E 2025-04-16
//	e09 p6 instroom   ini-b m-b2         S 2025-03-04
//	e10 p1 instroom   ini-d m-d2         I 2025-04-20    p1 is now in ini-a and ini-d
//	e11 p4 doorstroom ini-b m-b3 <- m-b1 I 2025-04-22    another role in the same initiative
//	e15 p9 instroom   ini-x m-x1         I 2025-02-20    ini-x has no phase events
//	e12 p7 instroom   ini-a m-a4         O 2025-05-05 *  after the period: ignored
//	e13 p6 uitstroom  ini-b m-b2         I 2025-06-01 *  after the period: p6 still active
//
// Hand-computed figures:
//
//	state at 2025-04-30     a=O (since 04-01) b=I (since 03-05) c=E d=I (since 01-15)
//	initiatives at end      I 2 (b,d)  S 0  O 1 (a)  A 0  E 1 (c)
//	during the period       I 3 (a,b,d at start)  S 2 (a,b entered)  O 2 (c at start, a entered)  A 0  E 1 (c)
//	active memberships      m-a1 p1 a, m-a3 p3 a, m-b2 p6 b, m-b3 p4 b, m-d2 p1 d, m-c2 p8 c, m-x1 p9 x
//	people at end           I 3 (p1,p4,p6)  S 0  O 2 (p1,p3)  A 0  E 1 (p8); total 6 (p1,p3,p4,p6,p8,p9)
//	instroom                I 3 (e04,e10,e15)  S 2 (e05,e09)
//	doorstroom              I 1 (e11)  S 1 (e07)
//	uitstroom               S 1 (e06)  E 1 (e08)
//	transitions             I->S 2, S->O 1, S->I 1, O->E 1
//	conversion              I 2/3 (a,b) = 0.6667   S 1/2 (a) = 0.5   O 0/2 = 0
//	stays ended in period   I: a 01-10..02-10 31, b 01-05..03-03 57 -> median 44
//	                        S: a 02-10..04-01 50, b 03-03..03-05 2  -> median 26
//	                        O: c 01-20..04-15 85                    -> median 85
//	stuck (> 60 days)       d in I since 2025-01-15: 105 days (b: 56, a: 29 are not)
func flowFixture(tb testing.TB) (FlowInput, Period) {
	tb.Helper()
	d := func(s string) time.Time { return date(tb, s) }
	pe := func(ini string, seq int, on string, from, to Phase) PhaseEvent {
		return PhaseEvent{ID: ini + "-" + on, InitiativeID: ini, Seq: seq, On: d(on), From: from, To: to}
	}
	pp := func(id, person string, kind FlowKind, ini, m, fromM string, ph Phase, on string) PeopleEvent {
		return PeopleEvent{ID: id, PersonID: person, Kind: kind, InitiativeID: ini, MembershipID: m, FromMembershipID: fromM, Phase: ph, On: d(on)}
	}
	in := FlowInput{
		StuckAfterDays: 60,
		PhaseEvents: []PhaseEvent{
			pe("ini-a", 1, "2025-01-10", "", PhaseInformatie),
			pe("ini-a", 2, "2025-02-10", PhaseInformatie, PhaseOntstaan),
			pe("ini-a", 3, "2025-04-01", PhaseOntstaan, PhaseOntwikkel),
			pe("ini-a", 4, "2025-05-20", PhaseOntwikkel, PhaseAutonoom),
			pe("ini-b", 1, "2025-01-05", "", PhaseInformatie),
			pe("ini-b", 2, "2025-03-03", PhaseInformatie, PhaseOntstaan),
			pe("ini-b", 3, "2025-03-05", PhaseOntstaan, PhaseInformatie),
			pe("ini-c", 1, "2024-11-01", "", PhaseInformatie),
			pe("ini-c", 2, "2024-12-15", PhaseInformatie, PhaseOntstaan),
			pe("ini-c", 3, "2025-01-20", PhaseOntstaan, PhaseOntwikkel),
			pe("ini-c", 4, "2025-04-15", PhaseOntwikkel, PhaseEnded),
			pe("ini-d", 1, "2025-01-15", "", PhaseInformatie),
		},
		PeopleEvents: []PeopleEvent{
			pp("e01", "p1", Instroom, "ini-a", "m-a1", "", PhaseInformatie, "2025-01-12"),
			pp("e02", "p2", Instroom, "ini-c", "m-c1", "", PhaseOntwikkel, "2025-01-25"),
			pp("e03", "p3", Instroom, "ini-d", "m-d1", "", PhaseInformatie, "2025-01-20"),
			pp("e14", "p8", Instroom, "ini-c", "m-c2", "", PhaseOntwikkel, "2025-01-22"),
			pp("e04", "p4", Instroom, "ini-b", "m-b1", "", PhaseInformatie, "2025-02-05"),
			pp("e05", "p5", Instroom, "ini-a", "m-a2", "", PhaseOntstaan, "2025-02-12"),
			pp("e06", "p5", Uitstroom, "ini-a", "m-a2", "", PhaseOntstaan, "2025-03-20"),
			pp("e07", "p3", Doorstroom, "ini-a", "m-a3", "m-d1", PhaseOntstaan, "2025-03-10"),
			pp("e08", "p2", Uitstroom, "ini-c", "m-c1", "", PhaseEnded, "2025-04-16"),
			pp("e09", "p6", Instroom, "ini-b", "m-b2", "", PhaseOntstaan, "2025-03-04"),
			pp("e10", "p1", Instroom, "ini-d", "m-d2", "", PhaseInformatie, "2025-04-20"),
			pp("e11", "p4", Doorstroom, "ini-b", "m-b3", "m-b1", PhaseInformatie, "2025-04-22"),
			pp("e15", "p9", Instroom, "ini-x", "m-x1", "", PhaseInformatie, "2025-02-20"),
			pp("e12", "p7", Instroom, "ini-a", "m-a4", "", PhaseOntwikkel, "2025-05-05"),
			pp("e13", "p6", Uitstroom, "ini-b", "m-b2", "", PhaseInformatie, "2025-06-01"),
		},
	}
	return in, Period{From: d("2025-02-01"), To: d("2025-04-30")}
}

func TestComputeFlowFixture(t *testing.T) {
	t.Parallel()
	in, p := flowFixture(t)
	want := Figures{
		Period: p,
		Phases: []PhaseFigures{
			{Phase: PhaseInformatie, Initiatives: 2, InitiativesDuring: 3, People: 3, Instroom: 3, Doorstroom: 1, Uitstroom: 0, Stays: 2, MedianDays: ptr(44)},
			{Phase: PhaseOntstaan, Initiatives: 0, InitiativesDuring: 2, People: 0, Instroom: 2, Doorstroom: 1, Uitstroom: 1, Stays: 2, MedianDays: ptr(26)},
			{Phase: PhaseOntwikkel, Initiatives: 1, InitiativesDuring: 2, People: 2, Stays: 1, MedianDays: ptr(85)},
			{Phase: PhaseAutonoom},
			{Phase: PhaseEnded, Initiatives: 1, InitiativesDuring: 1, People: 1, Uitstroom: 1},
		},
		PeopleTotal: 6,
		Transitions: []Transition{
			{From: PhaseInformatie, To: PhaseOntstaan, Count: 2},
			{From: PhaseOntstaan, To: PhaseOntwikkel, Count: 1},
			{From: PhaseOntstaan, To: PhaseInformatie, Count: 1},
			{From: PhaseOntwikkel, To: PhaseEnded, Count: 1},
		},
		Conversion: []Conversion{
			{Phase: PhaseInformatie, Next: PhaseOntstaan, InPhase: 3, Advanced: 2, Rate: 2.0 / 3},
			{Phase: PhaseOntstaan, Next: PhaseOntwikkel, InPhase: 2, Advanced: 1, Rate: 0.5},
			{Phase: PhaseOntwikkel, Next: PhaseAutonoom, InPhase: 2, Advanced: 0, Rate: 0},
		},
		Stuck:          []Stuck{{InitiativeID: "ini-d", Phase: PhaseInformatie, Since: date(t, "2025-01-15"), Days: 105}},
		StuckAfterDays: 60,
	}
	got := ComputeFlow(in, p)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ComputeFlow mismatch (-want +got):\n%s", diff)
	}

	// The period may be given with times of day; it is reduced to dates.
	p2 := Period{From: p.From.Add(15 * time.Hour), To: p.To.Add(23*time.Hour + 59*time.Minute)}
	if diff := cmp.Diff(want, ComputeFlow(in, p2)); diff != "" {
		t.Errorf("ComputeFlow with times of day mismatch (-want +got):\n%s", diff)
	}
}

func TestFiguresCSV(t *testing.T) {
	t.Parallel()
	in, p := flowFixture(t)
	var buf bytes.Buffer
	if err := ComputeFlow(in, p).CSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := `section,phase,from,to,value
initiatives,informatie,,,2
initiatives,ontstaan,,,0
initiatives,ontwikkel,,,1
initiatives,autonoom,,,0
initiatives,beeindigd,,,1
initiatives_during,informatie,,,3
initiatives_during,ontstaan,,,2
initiatives_during,ontwikkel,,,2
initiatives_during,autonoom,,,0
initiatives_during,beeindigd,,,1
people,informatie,,,3
people,ontstaan,,,0
people,ontwikkel,,,2
people,autonoom,,,0
people,beeindigd,,,1
people,total,,,6
instroom,informatie,,,3
instroom,ontstaan,,,2
instroom,ontwikkel,,,0
instroom,autonoom,,,0
instroom,beeindigd,,,0
doorstroom,informatie,,,1
doorstroom,ontstaan,,,1
doorstroom,ontwikkel,,,0
doorstroom,autonoom,,,0
doorstroom,beeindigd,,,0
uitstroom,informatie,,,0
uitstroom,ontstaan,,,1
uitstroom,ontwikkel,,,0
uitstroom,autonoom,,,0
uitstroom,beeindigd,,,1
transition,,informatie,ontstaan,2
transition,,ontstaan,ontwikkel,1
transition,,ontstaan,informatie,1
transition,,ontwikkel,beeindigd,1
conversion_in_phase,informatie,,,3
conversion_in_phase,ontstaan,,,2
conversion_in_phase,ontwikkel,,,2
conversion_advanced,informatie,,,2
conversion_advanced,ontstaan,,,1
conversion_advanced,ontwikkel,,,0
conversion_rate,informatie,,,0.6667
conversion_rate,ontstaan,,,0.5000
conversion_rate,ontwikkel,,,0.0000
median_days,informatie,,,44
median_days,ontstaan,,,26
median_days,ontwikkel,,,85
median_days,autonoom,,,
median_days,beeindigd,,,
median_stays,informatie,,,2
median_stays,ontstaan,,,2
median_stays,ontwikkel,,,1
median_stays,autonoom,,,0
median_stays,beeindigd,,,0
stuck,informatie,ini-d,2025-01-15,105
`
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("CSV mismatch (-want +got):\n%s", diff)
	}
}

// zeroPhases are the per-phase rows of figures without any events.
func zeroPhases() []PhaseFigures {
	rows := make([]PhaseFigures, len(FlowPhases))
	for i, ph := range FlowPhases {
		rows[i].Phase = ph
	}
	return rows
}

func zeroConversion() []Conversion {
	return []Conversion{
		{Phase: PhaseInformatie, Next: PhaseOntstaan},
		{Phase: PhaseOntstaan, Next: PhaseOntwikkel},
		{Phase: PhaseOntwikkel, Next: PhaseAutonoom},
	}
}

func TestComputeFlowEdges(t *testing.T) {
	t.Parallel()
	d := func(s string) time.Time { return date(t, s) }
	period := Period{From: d("2025-03-01"), To: d("2025-03-31")}
	ev := func(ini string, seq int, on string, from, to Phase) PhaseEvent {
		return PhaseEvent{InitiativeID: ini, Seq: seq, On: d(on), From: from, To: to}
	}
	// edit changes a figures value with zero rows into the expected one.
	type edit func(f *Figures)
	row := func(ph Phase, fn func(r *PhaseFigures)) edit {
		return func(f *Figures) { fn(&f.Phases[ph.Index()]) }
	}

	tests := []struct {
		name   string
		in     FlowInput
		p      Period
		expect []edit
	}{
		{name: "empty input", p: period},
		{
			name: "period before any event",
			in: FlowInput{
				StuckAfterDays: 1,
				PhaseEvents:    []PhaseEvent{ev("a", 1, "2025-04-01", "", PhaseInformatie), ev("a", 2, "2025-04-02", PhaseInformatie, PhaseOntstaan)},
				PeopleEvents:   []PeopleEvent{{PersonID: "p", InitiativeID: "a", MembershipID: "m", Kind: Instroom, Phase: PhaseInformatie, On: d("2025-04-01")}},
			},
			p: period,
		},
		{
			name: "odd median",
			in: FlowInput{PhaseEvents: []PhaseEvent{
				ev("a", 1, "2025-02-20", "", PhaseOntstaan), ev("a", 2, "2025-03-02", PhaseOntstaan, PhaseOntwikkel), // 10 days
				ev("b", 1, "2025-02-27", "", PhaseOntstaan), ev("b", 2, "2025-03-03", PhaseOntstaan, PhaseOntwikkel), // 4 days
				ev("c", 1, "2025-03-01", "", PhaseOntstaan), ev("c", 2, "2025-03-08", PhaseOntstaan, PhaseOntwikkel), // 7 days
			}},
			p: period,
			expect: []edit{
				row(PhaseOntstaan, func(r *PhaseFigures) { r.InitiativesDuring, r.Stays, r.MedianDays = 3, 3, ptr(7) }),
				row(PhaseOntwikkel, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring = 3, 3 }),
				func(f *Figures) {
					f.Transitions = []Transition{{From: PhaseOntstaan, To: PhaseOntwikkel, Count: 3}}
					f.Conversion[1].InPhase, f.Conversion[1].Advanced, f.Conversion[1].Rate = 3, 3, 1
					f.Conversion[2].InPhase = 3
				},
			},
		},
		{
			name: "even median",
			in: FlowInput{PhaseEvents: []PhaseEvent{
				ev("a", 1, "2025-02-20", "", PhaseOntstaan), ev("a", 2, "2025-03-02", PhaseOntstaan, PhaseOntwikkel), // 10 days
				ev("b", 1, "2025-02-27", "", PhaseOntstaan), ev("b", 2, "2025-03-02", PhaseOntstaan, PhaseOntwikkel), // 3 days
			}},
			p: period,
			expect: []edit{
				row(PhaseOntstaan, func(r *PhaseFigures) { r.InitiativesDuring, r.Stays, r.MedianDays = 2, 2, ptr(6.5) }),
				row(PhaseOntwikkel, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring = 2, 2 }),
				func(f *Figures) {
					f.Transitions = []Transition{{From: PhaseOntstaan, To: PhaseOntwikkel, Count: 2}}
					f.Conversion[1].InPhase, f.Conversion[1].Advanced, f.Conversion[1].Rate = 2, 2, 1
					f.Conversion[2].InPhase = 2
				},
			},
		},
		{
			// Seq 2 and 3 share a date and come in reverse order: Seq
			// decides, so the undo wins and the initiative ends in informatie.
			name: "same date for two events of one initiative",
			in: FlowInput{PhaseEvents: []PhaseEvent{
				ev("a", 3, "2025-03-10", PhaseOntstaan, PhaseInformatie),
				ev("a", 2, "2025-03-10", PhaseInformatie, PhaseOntstaan),
				ev("a", 1, "2025-03-01", "", PhaseInformatie),
			}},
			p: period,
			expect: []edit{
				row(PhaseInformatie, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring, r.Stays, r.MedianDays = 1, 1, 1, ptr(9) }),
				row(PhaseOntstaan, func(r *PhaseFigures) { r.InitiativesDuring, r.Stays, r.MedianDays = 1, 1, ptr(0) }),
				func(f *Figures) {
					f.Transitions = []Transition{{From: PhaseInformatie, To: PhaseOntstaan, Count: 1}, {From: PhaseOntstaan, To: PhaseInformatie, Count: 1}}
					f.Conversion[0].InPhase, f.Conversion[0].Advanced, f.Conversion[0].Rate = 1, 1, 1
					f.Conversion[1].InPhase = 1
				},
			},
		},
		{
			// Exactly StuckAfterDays is not stuck; equal days sort by ID.
			name: "stuck boundary and ties",
			in: FlowInput{StuckAfterDays: 10, PhaseEvents: []PhaseEvent{
				ev("z", 1, "2025-03-20", "", PhaseOntwikkel), // 11 days
				ev("y", 1, "2025-03-20", "", PhaseOntstaan),  // 11 days
				ev("x", 1, "2025-03-21", "", PhaseOntstaan),  // 10 days: not stuck
				ev("w", 1, "2025-01-01", "", PhaseAutonoom),  // autonoom is never stuck
			}},
			p: period,
			expect: []edit{
				row(PhaseOntstaan, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring = 2, 2 }),
				row(PhaseOntwikkel, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring = 1, 1 }),
				row(PhaseAutonoom, func(r *PhaseFigures) { r.Initiatives, r.InitiativesDuring = 1, 1 }),
				func(f *Figures) {
					f.StuckAfterDays = 10
					f.Conversion[1].InPhase, f.Conversion[2].InPhase = 2, 1
					f.Stuck = []Stuck{
						{InitiativeID: "y", Phase: PhaseOntstaan, Since: d("2025-03-20"), Days: 11},
						{InitiativeID: "z", Phase: PhaseOntwikkel, Since: d("2025-03-20"), Days: 11},
					}
				},
			},
		},
		{
			// A date is the date in the event's own zone: 23:30 in Amsterdam
			// on 31 March is still in the period, 00:30 on 1 April is not.
			name: "dates in another zone",
			in: FlowInput{PeopleEvents: []PeopleEvent{
				{PersonID: "p", InitiativeID: "a", MembershipID: "m1", Kind: Instroom, Phase: PhaseInformatie, On: time.Date(2025, 3, 31, 23, 30, 0, 0, amsterdam(t))},
				{PersonID: "q", InitiativeID: "a", MembershipID: "m2", Kind: Instroom, Phase: PhaseInformatie, On: time.Date(2025, 4, 1, 0, 30, 0, 0, amsterdam(t))},
			}},
			p: period,
			expect: []edit{
				row(PhaseInformatie, func(r *PhaseFigures) { r.Instroom = 1 }),
				func(f *Figures) { f.PeopleTotal = 1 },
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := Figures{
				Period:      Period{From: Day(tt.p.From), To: Day(tt.p.To)},
				Phases:      zeroPhases(),
				Transitions: []Transition{},
				Conversion:  zeroConversion(),
				Stuck:       []Stuck{},
			}
			for _, e := range tt.expect {
				e(&want)
			}
			want.StuckAfterDays = tt.in.StuckAfterDays
			if diff := cmp.Diff(want, ComputeFlow(tt.in, tt.p)); diff != "" {
				t.Errorf("ComputeFlow mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func amsterdam(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		tb.Skipf("no time zone data: %v", err)
	}
	return loc
}

func TestComputeFlowOrderFree(t *testing.T) {
	t.Parallel()
	in, p := flowFixture(t)
	want := ComputeFlow(in, p)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		sh := FlowInput{StuckAfterDays: in.StuckAfterDays, PhaseEvents: slices.Clone(in.PhaseEvents), PeopleEvents: slices.Clone(in.PeopleEvents)}
		rng.Shuffle(len(sh.PhaseEvents), func(i, j int) { sh.PhaseEvents[i], sh.PhaseEvents[j] = sh.PhaseEvents[j], sh.PhaseEvents[i] })
		rng.Shuffle(len(sh.PeopleEvents), func(i, j int) { sh.PeopleEvents[i], sh.PeopleEvents[j] = sh.PeopleEvents[j], sh.PeopleEvents[i] })
		if diff := cmp.Diff(want, ComputeFlow(sh, p)); diff != "" {
			t.Fatalf("shuffle %d: ComputeFlow mismatch (-sorted +shuffled):\n%s", i, diff)
		}
	}
}

func TestDayNum(t *testing.T) {
	t.Parallel()
	times := []time.Time{
		{},
		time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 30, 1, 30, 0, 0, amsterdam(t)), // the night summer time starts
		time.Date(2025, 3, 31, 0, 10, 0, 0, amsterdam(t)),
		time.Date(2025, 12, 31, 23, 59, 0, 0, time.FixedZone("", -11*3600)),
	}
	for _, tm := range times {
		if got, want := dayTime(dayNum(tm)), Day(tm); !got.Equal(want) {
			t.Errorf("dayTime(dayNum(%v))=%v, want %v", tm, got, want)
		}
	}
}
