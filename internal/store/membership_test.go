package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// mustMembership stores an active membership from the date.
func mustMembership(t testing.TB, s *store.Store, orgID, personID string, role wijk.MemberRole, from time.Time) wijk.Membership {
	t.Helper()
	m := wijk.Membership{OrganisationID: orgID, PersonID: personID, Role: role, StartedOn: from}
	if err := s.AddMembership(t.Context(), &m); err != nil {
		t.Fatalf("AddMembership: %v", err)
	}
	return m
}

func TestMembershipRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		anna := mustPerson(t, s, w.ID, "Anna")
		// A time of day in another zone must be stored as that day's date.
		ams := time.FixedZone("CEST", 2*3600)
		in := wijk.Membership{OrganisationID: org.ID, PersonID: anna.ID, Role: wijk.MemberTrekker,
			StartedOn: time.Date(2024, 5, 1, 23, 30, 0, 0, ams), EndedOn: time.Date(2025, 1, 31, 8, 0, 0, 0, ams)}
		if err := s.AddMembership(t.Context(), &in); err != nil {
			t.Fatal(err)
		}
		want := []store.MembershipView{{
			Membership: wijk.Membership{ID: in.ID, OrganisationID: org.ID, PersonID: anna.ID, Role: wijk.MemberTrekker,
				StartedOn: date(2024, 5, 1), EndedOn: date(2025, 1, 31)},
			OrganisationName: "Moestuin", OrganisationForm: wijk.FormBurgerinitiatief, PersonName: "Anna",
		}}
		reads := []struct {
			name string
			get  func() ([]store.MembershipView, error)
		}{
			{"MembershipsOfOrganisation", func() ([]store.MembershipView, error) { return s.MembershipsOfOrganisation(t.Context(), org.ID) }},
			{"MembershipsOfPerson", func() ([]store.MembershipView, error) { return s.MembershipsOfPerson(t.Context(), anna.ID) }},
		}
		for _, r := range reads {
			t.Run(r.name, func(t *testing.T) {
				got, err := r.get()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", r.name, diff)
				}
				if got[0].Active() {
					t.Errorf("Active()=true, want false for a membership with an end date")
				}
			})
		}
	})
}

func TestMembershipValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		anna := mustPerson(t, s, w.ID, "Anna")
		valid := func() wijk.Membership {
			return wijk.Membership{OrganisationID: org.ID, PersonID: anna.ID, Role: wijk.MemberLid, StartedOn: date(2024, 5, 1)}
		}
		tests := []struct {
			name   string
			change func(*wijk.Membership)
			fields []string
		}{
			{"no organisation", func(m *wijk.Membership) { m.OrganisationID = "" }, []string{"organisation_id"}},
			{"no person", func(m *wijk.Membership) { m.PersonID = "" }, []string{"person_id"}},
			{"unknown role", func(m *wijk.Membership) { m.Role = "baas" }, []string{"role"}},
			{"no start", func(m *wijk.Membership) { m.StartedOn = time.Time{} }, []string{"started_on"}},
			{"ends before start", func(m *wijk.Membership) { m.EndedOn = date(2024, 4, 30) }, []string{"ended_on"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				m := valid()
				tc.change(&m)
				wantInvalid(t, s.AddMembership(t.Context(), &m), tc.fields...)
			})
		}
		list, err := s.MembershipsOfOrganisation(t.Context(), org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 0 {
			t.Errorf("len(MembershipsOfOrganisation)=%d, want 0 after only invalid adds", len(list))
		}
	})
}

func TestMembershipAcrossWijken(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		otherOrg := mustOrganisation(t, s, other.ID, "Repair Café", wijk.FormBurgerinitiatief)
		anna := mustPerson(t, s, w.ID, "Anna")
		elders := mustPerson(t, s, other.ID, "Elders")
		erased := mustPerson(t, s, w.ID, "Weg")
		if err := s.ErasePerson(t.Context(), w.ID, erased.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name        string
			org, person string
			code        string
		}{
			{"person of another wijk", org.ID, elders.ID, wei.EINVALID},
			{"organisation of another wijk", otherOrg.ID, anna.ID, wei.EINVALID},
			{"unknown person", org.ID, wei.NewID(), wei.EINVALID},
			{"unknown organisation", wei.NewID(), anna.ID, wei.EINVALID},
			{"erased person", org.ID, erased.ID, wei.EINVALID},
			{"same wijk", org.ID, anna.ID, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				m := wijk.Membership{OrganisationID: tc.org, PersonID: tc.person, Role: wijk.MemberDeelnemer, StartedOn: date(2024, 1, 1)}
				wantCode(t, s.AddMembership(t.Context(), &m), tc.code)
			})
		}
		for _, o := range []wijk.Organisation{org, otherOrg} {
			list, err := s.MembershipsOfOrganisation(t.Context(), o.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if o.ID == org.ID {
				want = 1
			}
			if len(list) != want {
				t.Errorf("len(MembershipsOfOrganisation(%s))=%d, want %d", o.Name, len(list), want)
			}
		}
	})
}

func TestEndMembership(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		org := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		anna := mustPerson(t, s, w.ID, "Anna")
		bert := mustPerson(t, s, w.ID, "Bert")
		ma := mustMembership(t, s, org.ID, anna.ID, wijk.MemberTrekker, date(2024, 5, 1))
		mb := mustMembership(t, s, org.ID, bert.ID, wijk.MemberVrijwilliger, date(2024, 6, 1))

		tests := []struct {
			name   string
			id     string
			on     time.Time
			code   string
			fields []string
		}{
			{"before start", ma.ID, date(2024, 4, 30), wei.EINVALID, []string{"ended_on"}},
			{"unknown", wei.NewID(), date(2025, 1, 1), wei.ENOTFOUND, nil},
			{"on its start day", ma.ID, date(2024, 5, 1), "", nil},
			{"already ended", ma.ID, date(2025, 1, 1), wei.ENOTFOUND, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := s.EndMembership(t.Context(), tc.id, tc.on)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
					return
				}
				wantCode(t, err, tc.code)
			})
		}

		// Active memberships come first, whatever the names.
		got, err := s.MembershipsOfOrganisation(t.Context(), org.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.MembershipView{
			{Membership: wijk.Membership{ID: mb.ID, OrganisationID: org.ID, PersonID: bert.ID, Role: wijk.MemberVrijwilliger, StartedOn: date(2024, 6, 1)},
				OrganisationName: "Moestuin", OrganisationForm: wijk.FormBurgerinitiatief, PersonName: "Bert"},
			{Membership: wijk.Membership{ID: ma.ID, OrganisationID: org.ID, PersonID: anna.ID, Role: wijk.MemberTrekker, StartedOn: date(2024, 5, 1), EndedOn: date(2024, 5, 1)},
				OrganisationName: "Moestuin", OrganisationForm: wijk.FormBurgerinitiatief, PersonName: "Anna"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("MembershipsOfOrganisation mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestMembershipsOfPersonActiveFirst(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		anna := mustPerson(t, s, w.ID, "Anna")
		var ids []string
		for _, name := range []string{"Aardappelclub", "Moestuin", "Zwemclub"} {
			o := mustOrganisation(t, s, w.ID, name, wijk.FormBurgerinitiatief)
			ids = append(ids, mustMembership(t, s, o.ID, anna.ID, wijk.MemberLid, date(2024, 1, 1)).ID)
		}
		if err := s.EndMembership(t.Context(), ids[0], date(2024, 12, 31)); err != nil {
			t.Fatal(err)
		}
		list, err := s.MembershipsOfPerson(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range list {
			names = append(names, m.OrganisationName)
		}
		if diff := cmp.Diff([]string{"Moestuin", "Zwemclub", "Aardappelclub"}, names); diff != "" {
			t.Errorf("MembershipsOfPerson order mismatch (-want +got):\n%s", diff)
		}
	})
}
