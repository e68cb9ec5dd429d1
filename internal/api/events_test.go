package api

import (
	"net/http"
	"testing"

	"github.com/wei-platform/wei/internal/requestid"
	"github.com/wei-platform/wei/privacy"
)

// TestAuditPeopleEvents checks that reading the people flow, which names
// persons, is denied to a bewoner and audited once per read otherwise.
func TestAuditPeopleEvents(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const url = "/api/v1/wijken/noord/people-events"
	if rec := f.do(t, "GET", url, "bewoner", nil); rec.Code != http.StatusForbidden {
		t.Fatalf("as bewoner: status=%d, want 403", rec.Code)
	}
	if n := len(f.auditEntries(t)); n != 0 {
		t.Fatalf("%d audit entries after a denied read, want 0", n)
	}
	rec := f.do(t, "GET", url, "procesmanager", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("as procesmanager: status=%d, want 200", rec.Code)
	}
	entries := f.auditEntries(t)
	if len(entries) != 1 {
		t.Fatalf("%d audit entries, want 1: %+v", len(entries), entries)
	}
	e := entries[0]
	if e.ActorID != f.actors["procesmanager"].User.ID || e.WijkID != f.noord.ID || e.Action != privacy.ActionRead ||
		e.SubjectType != "people_events" || e.SubjectID != f.noord.ID || e.RequestID != rec.Header().Get(requestid.Header) || e.RequestID == "" {
		t.Errorf("audit entry=%+v, want a read of people_events %s by the procesmanager with the request ID", e, f.noord.ID)
	}
}
