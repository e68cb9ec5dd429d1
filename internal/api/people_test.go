package api

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/privacy"
)

// auditEntries returns the audit log of noord, oldest first.
func (f *fixture) auditEntries(t *testing.T) []privacy.AuditEntry {
	t.Helper()
	entries, err := f.s.AuditLog(context.Background(), f.noord.ID, 100)
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	return entries
}

func TestAuditPeopleList(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := f.do(t, "GET", "/api/v1/wijken/noord/people", "procesmanager", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status=%d, want 200", rec.Code)
	}
	entries := f.auditEntries(t)
	if len(entries) != 1 {
		t.Fatalf("%d audit entries, want 1: %+v", len(entries), entries)
	}
	e := entries[0]
	want := privacy.AuditEntry{ActorID: f.actors["procesmanager"].User.ID, WijkID: f.noord.ID, Action: privacy.ActionRead,
		SubjectType: "person_list", SubjectID: f.noord.ID, RequestID: rec.Header().Get(requestid.Header)}
	if e.ActorID != want.ActorID || e.WijkID != want.WijkID || e.Action != want.Action ||
		e.SubjectType != want.SubjectType || e.SubjectID != want.SubjectID || e.RequestID != want.RequestID || e.RequestID == "" {
		t.Errorf("audit entry=%+v, want %+v", e, want)
	}
}

func TestAuditPersonReadsAndChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const w = "/api/v1/wijken/noord"
	steps := []struct {
		method, url, actor, body string
		wantStatus               int
	}{
		{"GET", w + "/people/{person}", "voorzitter", "", 200},
		{"PUT", w + "/people/{person}", "procesmanager", `{"display_name":"Fatima V."}`, 200},
		{"GET", w + "/organisations/{org}/members", "beheerder", "", 200},
		{"GET", w + "/people", "bewoner", "", 403}, // denied: nothing read, nothing logged
		{"DELETE", w + "/people/{person}", "beheerder", "", 204},
	}
	for _, s := range steps {
		var body io.Reader
		if s.body != "" {
			body = strings.NewReader(s.body)
		}
		rec := f.do(t, s.method, f.expand(s.url), s.actor, body)
		if rec.Code != s.wantStatus {
			t.Fatalf("%s %s: status=%d, want %d", s.method, s.url, rec.Code, s.wantStatus)
		}
	}
	var got []string
	for _, e := range f.auditEntries(t) {
		got = append(got, string(e.Action)+" "+e.SubjectType+" "+e.SubjectID+" by "+e.ActorID)
	}
	id := func(k string) string { return f.actors[k].User.ID }
	want := []string{
		"read person " + f.person.ID + " by " + id("voorzitter"),
		"update person " + f.person.ID + " by " + id("procesmanager"),
		"read organisation_members " + f.org.ID + " by " + id("beheerder"),
		"erase person " + f.person.ID + " by " + id("beheerder"),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestErasedPersonIsGone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	url := "/api/v1/wijken/noord/people/" + f.person.ID
	if rec := f.do(t, "DELETE", url, "procesmanager", nil); rec.Code != http.StatusNoContent {
		t.Fatalf("erase: status=%d, want 204", rec.Code)
	}
	for _, method := range []string{"GET", "DELETE"} {
		if rec := f.do(t, method, url, "procesmanager", nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s after erasure: status=%d, want 404", method, rec.Code)
		}
	}
	rec := f.do(t, "GET", "/api/v1/wijken/noord/people", "procesmanager", nil)
	if strings.Contains(rec.Body.String(), "Fatima") {
		t.Errorf("people list still holds the erased person: %s", rec.Body.String())
	}
}
