package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/wei-platform/wei/proces"
)

// TestJoinLeaveFlow is the resident's path: join an initiative, leave it,
// and see both steps in the flow figures of a period that covers today.
func TestJoinLeaveFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	me := f.addResident(t, "bewoner")
	const w = "/api/v1/wijken/noord"
	f.runSteps(t, []step{
		{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"trekker"}`, 400, []string{`"role":"error.choice"`}, ""},
		{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"deelnemer","on":"2999-01-01"}`, 400, []string{`"on":"error.date_future"`}, ""},
		{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"deelnemer","on":"2020-01-01"}`, 400, []string{`"on":"error.date_before_start"`}, ""},
		{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"deelnemer"}`, 201,
			[]string{`"organisation_id":"{org}"`, `"person_id":"` + me.ID + `"`, `"role":"deelnemer"`, `"started_on":"{today}"`, `"active":true`}, "joined"},
		{"POST", w + "/initiatives/{org}/join", "bewoner", `{"role":"vrijwilliger"}`, 409, []string{"already takes part"}, ""},
		// Someone else cannot end it; the resident can.
		{"POST", w + "/memberships/{joined}/leave", "voorzitter", `{}`, 403, nil, ""},
		{"POST", w + "/memberships/{joined}/leave", "bewoner", `{"reason":"Geen tijd meer"}`, 204, nil, ""},
		{"POST", w + "/memberships/{joined}/leave", "bewoner", `{}`, 409, []string{"already ended"}, ""},
		{"GET", w + "/people-events", "procesmanager", "", 200,
			[]string{`"kind":"instroom","role":"deelnemer"`, `"kind":"uitstroom","role":"deelnemer"`, `"reason":"Geen tijd meer"`, `"membership_id":"{joined}"`}, ""},
	})

	rec := f.do(t, "GET", f.expand(w+"/flow?from={today}&to={today}"), "procesmanager", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("flow: status=%d; body %s", rec.Code, rec.Body.String())
	}
	var fig struct {
		Phases []proces.PhaseFigures `json:"phases"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &fig); err != nil {
		t.Fatal(err)
	}
	for _, r := range fig.Phases {
		want := proces.PhaseFigures{Phase: r.Phase}
		if r.Phase == proces.PhaseInformatie {
			// Fatima (trekker since 2024) is still active; the resident came and went.
			want = proces.PhaseFigures{Phase: r.Phase, Initiatives: 1, InitiativesDuring: 1, People: 1, Instroom: 1, Uitstroom: 1}
		}
		if r != want {
			t.Errorf("phase %s: %+v, want %+v", r.Phase, r, want)
		}
	}
	if len(fig.Phases) != len(proces.FlowPhases) {
		t.Errorf("%d phase rows, want %d", len(fig.Phases), len(proces.FlowPhases))
	}

	rec = f.do(t, "GET", f.expand(w+"/flow.csv?from={today}&to={today}"), "procesmanager", nil)
	for _, row := range []string{"instroom,informatie,,,1\n", "uitstroom,informatie,,,1\n", "people,total,,,1\n"} {
		if !strings.Contains(rec.Body.String(), row) {
			t.Errorf("flow.csv has no row %q:\n%s", row, rec.Body.String())
		}
	}
}

// TestLeaveByWhom checks who may end a membership: its own person, and
// whoever may edit the memberships of its organisation.
func TestLeaveByWhom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		actor      string
		resident   bool // the actor's resident record is the membership's person
		wantStatus int
	}{
		{"own membership", "penningmeester", true, 204},
		{"someone else's, as bewoner", "bewoner", false, 403},
		{"someone else's, as partner", "partner", false, 403},
		{"as initiatiefnemer of the initiative", "initiatiefnemer", false, 204},
		{"as procesmanager", "procesmanager", false, 204},
		{"a membership of noord, asked in zuid", zuidPM, false, 404},
		{"as site administrator", admin, false, 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			url := "/api/v1/wijken/noord/memberships/{membership}/leave"
			if tt.resident {
				p := f.addResident(t, tt.actor)
				f.runSteps(t, []step{{"POST", "/api/v1/wijken/noord/initiatives/{org}/join", tt.actor, `{"role":"vrijwilliger"}`, 201, []string{p.ID}, "mine"}})
				url = "/api/v1/wijken/noord/memberships/{mine}/leave"
			}
			if tt.actor == zuidPM {
				url = "/api/v1/wijken/zuid/memberships/{membership}/leave"
			}
			f.runSteps(t, []step{{"POST", url, tt.actor, `{}`, tt.wantStatus, nil, ""}})
		})
	}
}
