package store_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// mustGrant gives a user a role in a wijk.
func mustGrant(t testing.TB, s *store.Store, userID, wijkID string, role account.Role, orgID string) account.Grant {
	t.Helper()
	g := account.Grant{UserID: userID, WijkID: wijkID, Role: role, OrganisationID: orgID}
	if err := s.AddGrant(t.Context(), &g); err != nil {
		t.Fatalf("AddGrant(%s): %v", role, err)
	}
	return g
}

func TestGrantRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "noord", "Noord")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		pm := account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleProcesmanager}
		ini := account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: org.ID}
		for _, g := range []*account.Grant{&pm, &ini} {
			if err := s.AddGrant(t.Context(), g); err != nil {
				t.Fatal(err)
			}
		}
		wantPM := account.Grant{ID: pm.ID, UserID: anna.ID, WijkID: w.ID, Role: account.RoleProcesmanager, CreatedAt: clk.Stored()}
		wantIni := account.Grant{ID: ini.ID, UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: org.ID, CreatedAt: clk.Stored()}

		got, err := s.GrantsOfUser(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]account.Grant{wantIni, wantPM}, got); diff != "" {
			t.Errorf("GrantsOfUser mismatch (-want +got):\n%s", diff)
		}
		views, err := s.GrantsOfWijk(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantViews := []store.GrantView{
			{Grant: wantIni, UserName: "Anna", UserEmail: "anna@example.nl", OrganisationName: "Moestuin"},
			{Grant: wantPM, UserName: "Anna", UserEmail: "anna@example.nl"},
		}
		if diff := cmp.Diff(wantViews, views); diff != "" {
			t.Errorf("GrantsOfWijk mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestGrantValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			name   string
			g      account.Grant
			fields []string
		}{
			{"no user", account.Grant{WijkID: w.ID, Role: account.RoleBewoner}, []string{"user_id"}},
			{"no wijk", account.Grant{UserID: anna.ID, Role: account.RoleBewoner}, []string{"wijk_id"}},
			{"unknown role", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: "koning"}, []string{"role"}},
			{"initiatiefnemer without organisation", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer}, []string{"organisation_id"}},
			{"partner without organisation", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RolePartner}, []string{"organisation_id"}},
			{"bewoner with organisation", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleBewoner, OrganisationID: org.ID}, []string{"organisation_id"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				g := tc.g
				wantInvalid(t, s.AddGrant(t.Context(), &g), tc.fields...)
			})
		}
		got, err := s.GrantsOfWijk(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Errorf("len(GrantsOfWijk)=%d, want 0 after only invalid adds", len(got))
		}
	})
}

func TestGrantReferences(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		otherOrg := mustOrganisation(t, s, other.ID, "Repair Café", wijk.FormBurgerinitiatief)
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			name   string
			g      account.Grant
			code   string
			fields []string
		}{
			{"organisation of another wijk", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: otherOrg.ID}, wei.EINVALID, []string{"organisation_id"}},
			{"unknown organisation", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: wei.NewID()}, wei.EINVALID, []string{"organisation_id"}},
			{"unknown user", account.Grant{UserID: wei.NewID(), WijkID: w.ID, Role: account.RoleBewoner}, wei.EINVALID, nil},
			{"unknown wijk", account.Grant{UserID: anna.ID, WijkID: wei.NewID(), Role: account.RoleBewoner}, wei.EINVALID, nil},
			{"first", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: org.ID}, "", nil},
			{"same grant again", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleInitiatiefnemer, OrganisationID: org.ID}, wei.ECONFLICT, nil},
			{"same role, other wijk", account.Grant{UserID: anna.ID, WijkID: other.ID, Role: account.RoleInitiatiefnemer, OrganisationID: otherOrg.ID}, "", nil},
			{"bewoner", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleBewoner}, "", nil},
			{"bewoner again", account.Grant{UserID: anna.ID, WijkID: w.ID, Role: account.RoleBewoner}, wei.ECONFLICT, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				g := tc.g
				err := s.AddGrant(t.Context(), &g)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
					return
				}
				wantCode(t, err, tc.code)
			})
		}
		got, err := s.GrantsOfUser(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Errorf("len(GrantsOfUser)=%d, want 3", len(got))
		}
	})
}

func TestRemoveGrant(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		g := mustGrant(t, s, anna.ID, w.ID, account.RoleBeheerder, "")
		keep := mustGrant(t, s, anna.ID, other.ID, account.RoleBeheerder, "")
		tests := []struct {
			name   string
			wijkID string
			id     string
			code   string
		}{
			{"through another wijk", other.ID, g.ID, wei.ENOTFOUND},
			{"unknown", w.ID, wei.NewID(), wei.ENOTFOUND},
			{"own wijk", w.ID, g.ID, ""},
			{"again", w.ID, g.ID, wei.ENOTFOUND},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.RemoveGrant(t.Context(), tc.wijkID, tc.id), tc.code)
			})
		}
		got, err := s.GrantsOfUser(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != keep.ID {
			t.Errorf("GrantsOfUser=%+v, want only the grant in %s", got, other.Name)
		}
	})
}
