package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// TestChangesCarryTheirAudit: the audit entries given to CreatePerson,
// UpdatePerson and AddMembership are written with the change, about the
// person, and a refused change writes none.
func TestChangesCarryTheirAudit(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := mustWijk(t, s, "audit-wijk", "Auditwijk")
		org := mustOrganisation(t, s, w.ID, "Kookclub", wijk.FormBurgerinitiatief)
		p := wijk.Person{WijkID: w.ID, DisplayName: "Ria", ConsentAt: time.Now()}
		e := privacy.AuditEntry{ActorID: "actor", WijkID: w.ID, Action: privacy.ActionCreate, SubjectType: "person"}
		if err := s.CreatePerson(ctx, &p, e); err != nil {
			t.Fatal(err)
		}
		p.DisplayName = "Ria J."
		if err := s.UpdatePerson(ctx, &p, privacy.AuditEntry{ActorID: "actor", WijkID: w.ID, Action: privacy.ActionUpdate, SubjectType: "person"}); err != nil {
			t.Fatal(err)
		}
		m := wijk.Membership{OrganisationID: org.ID, PersonID: p.ID, Role: wijk.MemberDeelnemer, StartedOn: time.Now()}
		if err := s.AddMembership(ctx, &m, privacy.AuditEntry{ActorID: "actor", WijkID: w.ID, Action: privacy.ActionUpdate, SubjectType: "person"}); err != nil {
			t.Fatal(err)
		}
		bad := wijk.Person{WijkID: w.ID, DisplayName: "", ConsentAt: time.Now()}
		if err := s.CreatePerson(ctx, &bad, e); wei.ErrorCode(err) != wei.EINVALID {
			t.Fatalf("invalid person: %v", err)
		}
		got, err := s.AuditAbout(ctx, []string{p.ID}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].Action != privacy.ActionUpdate || got[2].Action != privacy.ActionCreate || got[2].ActorID != "actor" {
			t.Fatalf("audit about the person=%+v, want create, update, update", got)
		}
		all, _ := s.AuditLog(ctx, w.ID, 100)
		if len(all) != 3 {
			t.Errorf("audit log has %d entries, want 3 (the refused change wrote none)", len(all))
		}
	})
}
