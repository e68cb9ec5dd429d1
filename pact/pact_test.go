package pact

import (
	"testing"
	"time"

	"github.com/wei-platform/wei"
)

func d(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }

func TestProgress(t *testing.T) {
	rep := func(vs ...int64) []Progress {
		var out []Progress
		for _, v := range vs {
			out = append(out, Progress{Value: v})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		c       Commitment
		percent int
		done    bool
	}{
		{"no reports", Commitment{Target: 4}, 0, false},
		{"last report counts", Commitment{Target: 4, Reports: rep(3, 1)}, 25, false},
		{"rounded down", Commitment{Target: 3, Reports: rep(2)}, 66, false},
		{"capped at 100", Commitment{Target: 10, Reports: rep(25)}, 100, true},
		{"exactly met", Commitment{Target: 10, Reports: rep(10)}, 100, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Percent(); got != tc.percent {
				t.Errorf("Percent()=%d, want %d", got, tc.percent)
			}
			if got := tc.c.Done(); got != tc.done {
				t.Errorf("Done()=%v, want %v", got, tc.done)
			}
		})
	}
	p := Pact{Parties: []Party{{ID: "a"}, {ID: "b"}}, Commitments: []Commitment{
		{PartyID: "a", Target: 4, Reports: rep(4)},
		{PartyID: "a", Target: 10, Reports: rep(5)},
		{PartyID: "b", Target: 2},
	}}
	if r := p.PartyRollup("a"); r != (Rollup{Percent: 75, Commitments: 2, Done: 1}) {
		t.Errorf("PartyRollup(a)=%+v", r)
	}
	if r := p.Rollup(); r != (Rollup{Percent: 50, Commitments: 3, Done: 1}) {
		t.Errorf("Rollup()=%+v", r)
	}
	if r := p.PartyRollup("none"); r != (Rollup{}) {
		t.Errorf("PartyRollup(none)=%+v", r)
	}
	c := Commitment{Target: 4, Due: d(2026, 6, 30)}
	if c.Overdue(d(2026, 6, 30)) || !c.Overdue(d(2026, 7, 1)) {
		t.Error("Overdue: due day itself is not late, the day after is")
	}
	c.Reports = rep(4)
	if c.Overdue(d(2027, 1, 1)) {
		t.Error("a met commitment is never overdue")
	}
}

func TestSigned(t *testing.T) {
	acc := &Acceptance{At: d(2026, 2, 1)}
	later := &Acceptance{At: d(2026, 3, 1)}
	for _, tc := range []struct {
		name    string
		parties []Party
		signed  bool
	}{
		{"one party is no pact", []Party{{Accepted: acc}}, false},
		{"one still open", []Party{{Accepted: acc}, {}}, false},
		{"all accepted", []Party{{Accepted: later}, {Accepted: acc}}, true},
	} {
		p := Pact{Parties: tc.parties}
		if p.Signed() != tc.signed {
			t.Errorf("%s: Signed()=%v", tc.name, p.Signed())
		}
		if tc.signed && !p.SignedAt().Equal(later.At) {
			t.Errorf("%s: SignedAt()=%v, want the last acceptance", tc.name, p.SignedAt())
		}
	}
}

func TestValidate(t *testing.T) {
	p := Pact{WijkID: "w", Title: "Wijkpact", Purpose: "Samen een schone wijk.", StartsOn: d(2026, 1, 1), EndsOn: d(2026, 12, 31)}
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate(good)=%v", err)
	}
	c := Commitment{PartyID: "a", What: "Opschoondagen", Indicator: "aantal", Target: 4, Due: d(2027, 1, 1)}
	err := c.Validate(p)
	if e, ok := err.(*wei.Error); !ok || e.Fields["due_on"] != "pact.error.due" {
		t.Errorf("due after the pact: %v", err)
	}
	c.Due, c.Target = d(2026, 6, 1), 0
	if e, ok := c.Validate(p).(*wei.Error); !ok || e.Fields["target"] != "pact.error.target" || len(e.Fields) != 1 {
		t.Errorf("target 0: %v", e)
	}
	if ValidSignatory(" x ") == nil || ValidSignatory("wethouder") != nil {
		t.Error("ValidSignatory")
	}
	if ValidProgress(-1, "") == nil || ValidProgress(0, "") != nil {
		t.Error("ValidProgress")
	}
}
