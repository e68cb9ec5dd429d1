package api

import (
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// step is one request of a multi-step scenario.
type step struct {
	method, url, actor, body string
	wantStatus               int
	wantContains             []string
	// save stores the "id" of the JSON response as {save}, for the URLs
	// and bodies of later steps.
	save string
}

// runSteps sends the steps in order and stops at the first wrong status.
// It returns the response of the last step.
func (f *fixture) runSteps(t *testing.T, steps []step) *httptest.ResponseRecorder {
	t.Helper()
	var rec *httptest.ResponseRecorder
	for i, s := range steps {
		var body io.Reader
		if s.body != "" || s.method == "POST" || s.method == "PUT" {
			body = strings.NewReader(f.expand(s.body))
		}
		rec = f.do(t, s.method, f.expand(s.url), s.actor, body)
		if rec.Code != s.wantStatus {
			t.Fatalf("step %d, %s %s as %q: status=%d, want %d; body %s", i+1, s.method, s.url, s.actor, rec.Code, s.wantStatus, truncate(rec.Body.String()))
		}
		checkErrorBody(t, rec)
		for _, want := range s.wantContains {
			if want = f.expand(want); !strings.Contains(rec.Body.String(), want) {
				t.Errorf("step %d, %s %s: body does not contain %s; body %s", i+1, s.method, s.url, want, truncate(rec.Body.String()))
			}
		}
		if s.save != "" {
			var v struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v.ID == "" {
				t.Fatalf("step %d: no id to save as {%s} in %s (%v)", i+1, s.save, rec.Body.String(), err)
			}
			f.vars[s.save] = v.ID
		}
	}
	return rec
}

func TestPhaseChange(t *testing.T) {
	t.Parallel()
	const in = "/api/v1/wijken/noord/initiatives/{org}"
	tests := []struct {
		name  string
		steps []step
	}{
		{"tick then move", []step{
			{"POST", in + "/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 400, []string{`"checklist":"error.checklist_open"`}, ""},
			{"PUT", in + "/checklist/{crit}", "procesmanager", `{"evidence":"Tien bewoners willen meedoen"}`, 200, []string{`"checked":true`}, ""},
			{"GET", in + "/checklist", "beheerder", "", 200, []string{`"evidence":"Tien bewoners willen meedoen"`, `"checked_by_user_id":"`}, ""},
			{"POST", in + "/phase", "procesmanager", `{"to":"ontstaan","reason":"De groep staat","expect_seq":1}`, 201,
				[]string{`"seq":2`, `"from":"informatie"`, `"to":"ontstaan"`, `"override":false`, `"reason":"De groep staat"`}, ""},
			// A second client that still saw seq 1 does not overwrite the change.
			{"POST", in + "/phase", "beheerder", `{"to":"beeindigd","reason":"Gestopt","expect_seq":1}`, 409, []string{`"code":"conflict"`}, ""},
			{"GET", in, anon, "", 200, []string{`"phase":"ontstaan"`, `"phase_seq":2`, `"from":"informatie","to":"ontstaan"`}, ""},
			{"GET", in + "/checklist", "procesmanager", "", 200, []string{`"phase":"ontstaan"`, `"phase_seq":2`}, ""},
			{"GET", "/api/v1/wijken/noord/initiatives?phase=ontstaan", anon, "", 200, []string{"Moestuin Noord"}, ""},
			// Undoing a mistake is a new event back, with a reason.
			{"POST", in + "/phase", "procesmanager", `{"to":"informatie","expect_seq":2}`, 400, []string{`"reason":"error.undo_reason"`}, ""},
			{"POST", in + "/phase", "procesmanager", `{"to":"informatie","reason":"Te vroeg","expect_seq":2}`, 201, []string{`"seq":3`}, ""},
			{"GET", "/api/v1/wijken/noord/phase-events", "voorzitter", "", 200, []string{`"seq":3`, `"reason":"Te vroeg"`, `"by_user_id":"`}, ""},
		}},
		{"untick closes the checklist again", []step{
			{"PUT", in + "/checklist/{crit}", "procesmanager", `{"evidence":"Gezien"}`, 200, nil, ""},
			{"DELETE", in + "/checklist/{crit}", "procesmanager", "", 204, nil, ""},
			{"GET", in + "/checklist", "procesmanager", "", 200, []string{`"checked":false`}, ""},
			{"POST", in + "/phase", "procesmanager", `{"to":"ontstaan","expect_seq":1}`, 400, []string{`"checklist":"error.checklist_open"`}, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			f.runSteps(t, tt.steps)
		})
	}
}
