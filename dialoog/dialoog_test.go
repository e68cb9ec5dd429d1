package dialoog

import (
	"testing"
	"time"

	"github.com/wei-platform/wei"
)

func TestDialogueValidate(t *testing.T) {
	tests := []struct {
		name  string
		d     Dialogue
		field string // "" when valid
	}{
		{"session", Dialogue{Kind: KindSession, Theme: "Groen in de wijk", HeldOn: "2026-11-20", Place: "Buurthuis"}, ""},
		{"session without place", Dialogue{Kind: KindSession, Theme: "Groen", HeldOn: "2026-11-20"}, "place"},
		{"online", Dialogue{Kind: KindOnline, Theme: "Spelen", HeldOn: "2026-11-01", ClosesOn: "2026-11-30"}, ""},
		{"online closes before it opens", Dialogue{Kind: KindOnline, Theme: "Spelen", HeldOn: "2026-11-30", ClosesOn: "2026-11-01"}, "closes_on"},
		{"bad date", Dialogue{Kind: KindSession, Theme: "Groen", HeldOn: "20-11-2026", Place: "x"}, "held_on"},
		{"bad kind", Dialogue{Kind: "party", Theme: "Groen", HeldOn: "2026-11-20", Place: "x"}, "kind"},
		{"negative attendance", Dialogue{Kind: KindSession, Theme: "Groen", HeldOn: "2026-11-20", Place: "x", Attendance: -1}, "attendance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.d.Normalize()
			err := tt.d.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			var e *wei.Error
			if !asErr(err, &e) || e.Fields[tt.field] == "" {
				t.Fatalf("Validate = %v, want an error on %s", err, tt.field)
			}
		})
	}
}

func asErr(err error, target **wei.Error) bool {
	e, ok := err.(*wei.Error)
	if ok {
		*target = e
	}
	return ok
}

func TestOpen(t *testing.T) {
	online := Dialogue{Kind: KindOnline, HeldOn: "2026-11-01", ClosesOn: "2026-11-30"}
	for day, want := range map[string]bool{"2026-10-31": false, "2026-11-01": true, "2026-11-30": true, "2026-12-01": false} {
		if got := online.Open(day); got != want {
			t.Errorf("online.Open(%s) = %v, want %v", day, got, want)
		}
	}
	session := Dialogue{Kind: KindSession, HeldOn: "2026-11-01"}
	if !session.Open("2027-01-01") {
		t.Error("a session should take input entered after the meeting")
	}
}

func TestChangeNeedsAnswer(t *testing.T) {
	c := Change{Status: StatusAnswered, DueOn: "2026-12-01"}
	if err := c.Validate(); err == nil {
		t.Fatal("an answered status without an answer was accepted")
	}
	c.Answer = "We plaatsen twee bankjes."
	if err := c.Validate(); err != nil {
		t.Fatalf("Validate = %v", err)
	}
	c = Change{Status: StatusInProgress, DueOn: "2026-12-01"}
	if err := c.Validate(); err != nil {
		t.Fatalf("in progress without an answer: %v", err)
	}
}

func TestOverdueAndReminder(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	in := Input{Status: StatusOpen, DueOn: "2026-11-22"}
	if !in.Overdue("2026-11-23") || in.Overdue("2026-11-22") {
		t.Error("overdue should start the day after the due date")
	}
	if !in.NeedsReminder(now) {
		t.Error("an overdue input never reminded needs a reminder")
	}
	in.RemindedAt = now.Add(-24 * time.Hour)
	if in.NeedsReminder(now) {
		t.Error("reminded yesterday: no new reminder yet")
	}
	in.RemindedAt = now.Add(-RemindEvery)
	if !in.NeedsReminder(now) {
		t.Error("reminded a week ago: remind again")
	}
	in.Status = StatusAnswered
	if in.Overdue("2026-12-30") || in.NeedsReminder(now) {
		t.Error("an answered input is not overdue")
	}
}
