package proces

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Period is a span of days; From and To are both included. ComputeFlow
// reduces them to dates with Day.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// FlowInput is what the flow figures of one wijk are computed from. The
// events may come in any order. Events after the end of the period are
// ignored; events before its start count toward the state at its start.
type FlowInput struct {
	PhaseEvents  []PhaseEvent
	PeopleEvents []PeopleEvent
	// StuckAfterDays is how many days an initiative may stay in the
	// informatie, ontstaan or ontwikkel phase before it is listed as stuck.
	// Zero or less lists none.
	StuckAfterDays int
}

// FlowPhases are the rows of the per-phase figures: the four phases in
// order, then Ended.
var FlowPhases = []Phase{PhaseInformatie, PhaseOntstaan, PhaseOntwikkel, PhaseAutonoom, PhaseEnded}

// Figures are the flow figures of a period. Every slice has a fixed,
// deterministic order, so a page or a CSV export renders the same way
// each time.
type Figures struct {
	Period Period `json:"period"`
	// Phases has one row per FlowPhases entry, in that order.
	Phases []PhaseFigures `json:"phases"`
	// PeopleTotal counts the distinct persons with an active membership at
	// the end of the period, also those of initiatives without phase events
	// (which PhaseFigures.People skips).
	PeopleTotal int `json:"people_total"`
	// Transitions are the phase changes within the period: forward moves
	// first in phase order, then moves back (and reopenings), then endings.
	Transitions []Transition `json:"transitions"`
	// Conversion has one row per phase that has a next phase.
	Conversion []Conversion `json:"conversion"`
	// Stuck lists the initiatives that stayed too long in an early phase,
	// longest first, ties by initiative ID.
	Stuck          []Stuck `json:"stuck"`
	StuckAfterDays int     `json:"stuck_after_days"`
}

// PhaseFigures are the figures of one phase (or of Ended).
type PhaseFigures struct {
	Phase Phase `json:"phase"`
	// Initiatives counts the initiatives in the phase at the end of the period.
	Initiatives int `json:"initiatives"`
	// InitiativesDuring counts the initiatives that were in the phase at
	// any moment of the period: at its start, or entering it during it.
	InitiativesDuring int `json:"initiatives_during"`
	// People counts the distinct persons with an active membership of an
	// initiative in this phase at the end of the period. A person active in
	// initiatives of two phases counts in both.
	People int `json:"people"`
	// Instroom, Doorstroom and Uitstroom count the people events within the
	// period, by the phase recorded on the event.
	Instroom   int `json:"instroom"`
	Doorstroom int `json:"doorstroom"`
	Uitstroom  int `json:"uitstroom"`
	// Stays counts the stays in the phase that ended within the period;
	// MedianDays is their median length in days, nil when there are none.
	Stays      int      `json:"stays"`
	MedianDays *float64 `json:"median_days"`
}

// Transition counts the phase changes From -> To within the period.
type Transition struct {
	From  Phase `json:"from"`
	To    Phase `json:"to"`
	Count int   `json:"count"`
}

// Conversion tells how many of the initiatives that were in Phase during
// the period moved on to Next within it.
type Conversion struct {
	Phase    Phase   `json:"phase"`
	Next     Phase   `json:"next"`
	InPhase  int     `json:"in_phase"`
	Advanced int     `json:"advanced"`
	Rate     float64 `json:"rate"` // Advanced/InPhase; 0 when InPhase is 0
}

// Stuck is an initiative that has been in an early phase for longer than
// FlowInput.StuckAfterDays at the end of the period.
type Stuck struct {
	InitiativeID string    `json:"initiative_id"`
	Phase        Phase     `json:"phase"`
	Since        time.Time `json:"since"` // the day it entered Phase
	Days         int       `json:"days"`  // from Since to the end of the period
}

// Phase returns the row of p, or a zero row when f has none.
func (f Figures) Phase(p Phase) PhaseFigures {
	for _, r := range f.Phases {
		if r.Phase == p {
			return r
		}
	}
	return PhaseFigures{Phase: p}
}

const numFlowPhases = 5 // len(FlowPhases)

// phaseEv is the part of a PhaseEvent the replay needs, with the date as a
// day number and the phases as indexes.
type phaseEv struct {
	initiative string
	seq        int
	day        int64
	idx        int // position in the input, to keep the sort stable
	from, to   int8
}

// membership is what the people replay keeps of one MembershipID.
type membership struct {
	person, initiative string
	opened, closed     bool
}

// memberships finds a membership by ID; they live in one slice, so there
// is no allocation per membership.
type memberships struct {
	index map[string]int32
	list  []membership
}

// init sizes ms for the memberships that events open, so that the map
// never grows.
func (ms *memberships) init(events []PeopleEvent) {
	n := 0
	for i := range events {
		if events[i].Kind != Uitstroom {
			n++
		}
	}
	ms.index = make(map[string]int32, n)
	ms.list = make([]membership, 0, n)
}

// get returns the membership id, adding it when it is new. The pointer is
// valid until the next call.
func (ms *memberships) get(id string) *membership {
	i, ok := ms.index[id]
	if !ok {
		i = int32(len(ms.list))
		ms.index[id] = i
		ms.list = append(ms.list, membership{})
	}
	return &ms.list[i]
}

// ComputeFlow computes the flow figures of period p from the events of
// in. It needs no database: the state at any date is a replay of the
// events, and the work is one sort of the phase events and single passes.
// A period whose To is before its From has no days: only the figures at
// its end are filled.
//
// An initiative's phase events are replayed in Seq order, so several
// changes on one day come out right. An event that repeats the current
// phase changes nothing. Transitions count the events by their From and
// To; conversion and stays follow the replayed phase. A membership is
// active at the end when an instroom or doorstroom opened it and no
// uitstroom (or doorstroom away from it) closed it by then; a
// MembershipID is assumed to be used for one membership only.
func ComputeFlow(in FlowInput, p Period) Figures {
	p = Period{From: Day(p.From), To: Day(p.To)}
	start, end := dayNum(p.From), dayNum(p.To)
	inPeriod := func(d int64) bool { return d >= start && d <= end }

	var (
		rows        [numFlowPhases]PhaseFigures
		transitions [numFlowPhases][numFlowPhases]int
		advanced    [numFlowPhases]int
		stays       []stay
		stuck       []Stuck
	)
	for i, ph := range FlowPhases {
		rows[i].Phase = ph
	}

	// Phase replay: one sort by initiative and Seq, then one pass.
	evs := make([]phaseEv, 0, len(in.PhaseEvents))
	for i := range in.PhaseEvents {
		e := &in.PhaseEvents[i]
		to := e.To.Index()
		if to < 0 {
			continue
		}
		d := dayNum(e.On)
		if d > end {
			continue
		}
		evs = append(evs, phaseEv{initiative: e.InitiativeID, seq: e.Seq, day: d, idx: i, from: int8(e.From.Index()), to: int8(to)})
	}
	slices.SortFunc(evs, func(a, b phaseEv) int {
		return cmp.Or(strings.Compare(a.initiative, b.initiative), cmp.Compare(a.seq, b.seq), cmp.Compare(a.day, b.day), cmp.Compare(a.idx, b.idx))
	})
	final := make(map[string]int8, len(evs)/2+1)
	for i := 0; i < len(evs); {
		id := evs[i].initiative
		var (
			cur            int8  = -1 // replayed phase
			since          int64      // day cur was entered
			atStart        int8  = -1 // phase at the start of the period
			visited, moved uint8      // bit per phase
		)
		for ; i < len(evs) && evs[i].initiative == id; i++ {
			e := evs[i]
			during := inPeriod(e.day)
			if during && e.from >= 0 && e.from != e.to {
				transitions[e.from][e.to]++
			}
			if e.to == cur {
				continue
			}
			if during {
				if cur >= 0 {
					stays = append(stays, stay{phase: cur, days: int(e.day - since)})
					if int(e.to) == int(cur)+1 && e.to < int8(len(Phases)) {
						moved |= 1 << cur
					}
				}
				visited |= 1 << e.to
			} else if e.day < start {
				atStart = e.to
			}
			cur, since = e.to, e.day
		}
		if atStart >= 0 && start <= end {
			visited |= 1 << atStart
		}
		final[id] = cur
		rows[cur].Initiatives++
		for ph := range numFlowPhases {
			if visited&(1<<ph) != 0 {
				rows[ph].InitiativesDuring++
			}
			if moved&(1<<ph) != 0 {
				advanced[ph]++
			}
		}
		if in.StuckAfterDays > 0 && int(cur) < len(Phases)-1 {
			if days := int(end - since); days > in.StuckAfterDays {
				stuck = append(stuck, Stuck{InitiativeID: id, Phase: FlowPhases[cur], Since: dayTime(since), Days: days})
			}
		}
	}

	// People: one pass over the events, in any order.
	var ms memberships
	ms.init(in.PeopleEvents)
	for i := range in.PeopleEvents {
		e := &in.PeopleEvents[i]
		d := dayNum(e.On)
		if d > end {
			continue
		}
		if ph := e.Phase.Index(); ph >= 0 && d >= start {
			switch e.Kind {
			case Instroom:
				rows[ph].Instroom++
			case Doorstroom:
				rows[ph].Doorstroom++
			case Uitstroom:
				rows[ph].Uitstroom++
			}
		}
		switch e.Kind {
		case Instroom, Doorstroom:
			if e.MembershipID != "" {
				m := ms.get(e.MembershipID)
				m.opened, m.person, m.initiative = true, e.PersonID, e.InitiativeID
			}
			if e.Kind == Doorstroom && e.FromMembershipID != "" {
				ms.get(e.FromMembershipID).closed = true
			}
		case Uitstroom:
			if e.MembershipID != "" {
				ms.get(e.MembershipID).closed = true
			}
		}
	}
	const anyPhase = 1 << numFlowPhases
	persons := make(map[string]uint8, len(ms.list)/2+1)
	for i := range ms.list {
		m := &ms.list[i]
		if !m.opened || m.closed {
			continue
		}
		bits := persons[m.person] | anyPhase
		if ph, ok := final[m.initiative]; ok {
			bits |= 1 << ph
		}
		persons[m.person] = bits
	}
	f := Figures{Period: p, PeopleTotal: len(persons), StuckAfterDays: in.StuckAfterDays}
	for _, bits := range persons {
		for ph := range numFlowPhases {
			if bits&(1<<ph) != 0 {
				rows[ph].People++
			}
		}
	}

	// Medians: one sort of all stays by phase and length.
	slices.SortFunc(stays, func(a, b stay) int { return cmp.Or(cmp.Compare(a.phase, b.phase), cmp.Compare(a.days, b.days)) })
	for i := 0; i < len(stays); {
		j := i
		for j < len(stays) && stays[j].phase == stays[i].phase {
			j++
		}
		r := &rows[stays[i].phase]
		r.Stays = j - i
		r.MedianDays = median(stays[i:j])
		i = j
	}

	f.Phases = rows[:]
	f.Transitions = orderTransitions(&transitions)
	f.Conversion = make([]Conversion, 0, len(Phases)-1)
	for ph := range len(Phases) - 1 {
		c := Conversion{Phase: Phases[ph], Next: Phases[ph+1], InPhase: rows[ph].InitiativesDuring, Advanced: advanced[ph]}
		if c.InPhase > 0 {
			c.Rate = float64(c.Advanced) / float64(c.InPhase)
		}
		f.Conversion = append(f.Conversion, c)
	}
	slices.SortFunc(stuck, func(a, b Stuck) int {
		return cmp.Or(cmp.Compare(b.Days, a.Days), strings.Compare(a.InitiativeID, b.InitiativeID))
	})
	f.Stuck = stuck
	if f.Stuck == nil {
		f.Stuck = []Stuck{}
	}
	return f
}

// stay is a stay of an initiative in a phase that ended in the period.
type stay struct {
	phase int8
	days  int
}

// median returns the median length of sorted stays, the mean of the two
// middle ones for an even count, or nil for none.
func median(s []stay) *float64 {
	n := len(s)
	if n == 0 {
		return nil
	}
	m := float64(s[n/2].days)
	if n%2 == 0 {
		m = float64(s[n/2-1].days+s[n/2].days) / 2
	}
	return &m
}

// orderTransitions lists the non-zero counts: forward moves in phase order,
// then moves back (reopening an ended initiative counts as one), then
// endings.
func orderTransitions(t *[numFlowPhases][numFlowPhases]int) []Transition {
	const ended = numFlowPhases - 1
	out := []Transition{}
	add := func(keep func(from, to int) bool) {
		for from := range numFlowPhases {
			for to := range numFlowPhases {
				if n := t[from][to]; n > 0 && keep(from, to) {
					out = append(out, Transition{From: FlowPhases[from], To: FlowPhases[to], Count: n})
				}
			}
		}
	}
	add(func(from, to int) bool { return to != ended && to > from })
	add(func(from, to int) bool { return to != ended && to < from })
	add(func(from, to int) bool { return to == ended })
	return out
}

// dayNum returns the number of days from 1970-01-01 to the date of t in
// its own location, which is the date Day(t) keeps.
func dayNum(t time.Time) int64 {
	_, off := t.Zone()
	s := t.Unix() + int64(off)
	d := s / 86400
	if s%86400 < 0 {
		d--
	}
	return d
}

// dayTime is the inverse of dayNum for UTC dates.
func dayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

// CSV writes the figures as rows of section,phase,from,to,value with a
// header. Per-phase sections fill phase; transitions fill from and to;
// the people section ends with a row with phase "total"; stuck rows carry
// the initiative ID in from and the date it entered the phase in to, with
// the days as value. Rates have four decimals; a missing median is an
// empty value.
func (f Figures) CSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rec := func(section string, phase Phase, from, to, value string) {
		_ = cw.Write([]string{section, string(phase), from, to, value}) // the error sticks; cw.Error reports it
	}
	rec("section", "phase", "from", "to", "value")
	perPhase := func(section string, v func(PhaseFigures) string) {
		for _, r := range f.Phases {
			rec(section, r.Phase, "", "", v(r))
		}
	}
	itoa := strconv.Itoa
	perPhase("initiatives", func(r PhaseFigures) string { return itoa(r.Initiatives) })
	perPhase("initiatives_during", func(r PhaseFigures) string { return itoa(r.InitiativesDuring) })
	perPhase("people", func(r PhaseFigures) string { return itoa(r.People) })
	rec("people", "total", "", "", itoa(f.PeopleTotal))
	perPhase("instroom", func(r PhaseFigures) string { return itoa(r.Instroom) })
	perPhase("doorstroom", func(r PhaseFigures) string { return itoa(r.Doorstroom) })
	perPhase("uitstroom", func(r PhaseFigures) string { return itoa(r.Uitstroom) })
	for _, t := range f.Transitions {
		rec("transition", "", string(t.From), string(t.To), itoa(t.Count))
	}
	for _, c := range f.Conversion {
		rec("conversion_in_phase", c.Phase, "", "", itoa(c.InPhase))
	}
	for _, c := range f.Conversion {
		rec("conversion_advanced", c.Phase, "", "", itoa(c.Advanced))
	}
	for _, c := range f.Conversion {
		rec("conversion_rate", c.Phase, "", "", strconv.FormatFloat(c.Rate, 'f', 4, 64))
	}
	perPhase("median_days", func(r PhaseFigures) string {
		if r.MedianDays == nil {
			return ""
		}
		return strconv.FormatFloat(*r.MedianDays, 'f', -1, 64)
	})
	perPhase("median_stays", func(r PhaseFigures) string { return itoa(r.Stays) })
	for _, s := range f.Stuck {
		rec("stuck", s.Phase, s.InitiativeID, s.Since.Format(time.DateOnly), itoa(s.Days))
	}
	cw.Flush()
	return cw.Error()
}
