package proces

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// benchStart and benchDays are the two years the benchmark data spans.
var (
	benchStart = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	benchDays  = 731
)

// genWijk makes the events of one wijk: initiatives with 1 to 6 phase
// events each (mostly forward, sometimes back, sometimes ended and
// reopened, now and then two on one day) and people who join, move on and
// leave, each event with the initiative's phase of that day.
func genWijk(rng *rand.Rand, prefix string, initiatives, peopleEvents int) FlowInput {
	type step struct {
		day   int
		phase Phase
	}
	in := FlowInput{StuckAfterDays: 90, PeopleEvents: make([]PeopleEvent, 0, peopleEvents)}
	ids := make([]string, initiatives)
	hist := make([][]step, initiatives)
	for i := range initiatives {
		id := prefix + "i" + strconv.Itoa(i)
		ids[i] = id
		day := rng.IntN(benchDays - 30)
		cur := PhaseInformatie
		if rng.IntN(5) == 0 {
			cur = PhaseOntstaan
		}
		n := 1 + rng.IntN(6)
		for seq := 1; seq <= n && day < benchDays; seq++ {
			var from Phase
			if seq > 1 {
				from = cur
				r := rng.IntN(100)
				switch {
				case cur == PhaseEnded:
					cur = PhaseOntwikkel // reopened
				case r < 75 && cur.Next() != "":
					cur = cur.Next()
				case r < 88 && cur.Prev() != "":
					cur = cur.Prev()
				default:
					cur = PhaseEnded
				}
			}
			in.PhaseEvents = append(in.PhaseEvents, PhaseEvent{ID: id + "-" + strconv.Itoa(seq), InitiativeID: id, Seq: seq, On: benchStart.AddDate(0, 0, day), From: from, To: cur})
			hist[i] = append(hist[i], step{day, cur})
			if rng.IntN(20) > 0 { // one in twenty moves again the same day
				day += 1 + rng.IntN(150)
			}
		}
	}
	phaseOn := func(i, day int) Phase {
		ph := hist[i][0].phase
		for _, s := range hist[i] {
			if s.day > day {
				break
			}
			ph = s.phase
		}
		return ph
	}
	add := func(e PeopleEvent, i, day int) {
		e.ID = prefix + "e" + strconv.Itoa(len(in.PeopleEvents))
		e.InitiativeID, e.Phase, e.On = ids[i], phaseOn(i, day), benchStart.AddDate(0, 0, day)
		in.PeopleEvents = append(in.PeopleEvents, e)
	}
	persons := max(peopleEvents/3, 1)
	for m := 0; len(in.PeopleEvents) < peopleEvents; m++ {
		person := prefix + "p" + strconv.Itoa(rng.IntN(persons))
		mid := prefix + "m" + strconv.Itoa(m)
		i := rng.IntN(initiatives)
		day := min(hist[i][0].day+rng.IntN(benchDays), benchDays-1)
		add(PeopleEvent{PersonID: person, MembershipID: mid, Kind: Instroom}, i, day)
		if rng.IntN(10) < 3 && len(in.PeopleEvents) < peopleEvents {
			m++
			j := rng.IntN(initiatives)
			day = min(max(day+1+rng.IntN(200), hist[j][0].day), benchDays-1)
			next := prefix + "m" + strconv.Itoa(m)
			add(PeopleEvent{PersonID: person, MembershipID: next, FromMembershipID: mid, Kind: Doorstroom}, j, day)
			mid, i = next, j
		}
		if rng.IntN(2) == 0 && len(in.PeopleEvents) < peopleEvents {
			day = min(day+1+rng.IntN(300), benchDays-1)
			add(PeopleEvent{PersonID: person, MembershipID: mid, Kind: Uitstroom}, i, day)
		}
	}
	return in
}

var benchSink Figures

func BenchmarkComputeFlowOneWijk(b *testing.B) {
	in := genWijk(rand.New(rand.NewPCG(2025, 1)), "w", 2000, 100_000)
	p := Period{From: benchStart, To: benchStart.AddDate(0, 0, benchDays-1)}
	b.ReportAllocs()
	for b.Loop() {
		benchSink = ComputeFlow(in, p)
	}
	b.ReportMetric(float64(len(in.PhaseEvents)), "phase_events")
}

func BenchmarkComputeFlow500Wijken(b *testing.B) {
	rng := rand.New(rand.NewPCG(2025, 2))
	wijken := make([]FlowInput, 500)
	for i := range wijken {
		wijken[i] = genWijk(rng, "w"+strconv.Itoa(i), 20, 400)
	}
	p := Period{From: benchStart, To: benchStart.AddDate(0, 0, benchDays-1)}
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range wijken {
			benchSink = ComputeFlow(in, p)
		}
	}
}
