package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// mustOrganisation stores a valid organisation of a wijk; partners get the
// gemeente as domain.
// mustOrganisation stores an organisation made on 2020-01-01, so that the
// memberships and events of a fixture can date from any later day; the
// store's clock is restored afterwards. mustOrganisationNow makes it at the
// store's current time.
func mustOrganisation(t testing.TB, s *store.Store, wijkID, name string, form wijk.Form) wijk.Organisation {
	t.Helper()
	s.SetClock(func() time.Time { return time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC) })
	if c, ok := testClocks.Load(s); ok {
		defer s.SetClock(c.(*testClock).Now)
	} else {
		defer s.SetClock(time.Now)
	}
	return mustOrganisationNow(t, s, wijkID, name, form)
}

func mustOrganisationNow(t testing.TB, s *store.Store, wijkID, name string, form wijk.Form) wijk.Organisation {
	t.Helper()
	o := wijk.Organisation{WijkID: wijkID, Name: name, Form: form}
	if form == wijk.FormPartner {
		o.Domain = wijk.DomainGemeente
	}
	if err := s.CreateOrganisation(t.Context(), &o); err != nil {
		t.Fatalf("CreateOrganisation(%s): %v", name, err)
	}
	return o
}

func TestOrganisationRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "noord", "Noord")
		tests := []struct {
			name string
			in   wijk.Organisation
			want wijk.Organisation
		}{
			{"partner with domain",
				wijk.Organisation{WijkID: w.ID, Name: " Woonstichting ", Form: wijk.FormPartner, Domain: wijk.DomainWoningcorporatie, Description: " Verhuurder "},
				wijk.Organisation{WijkID: w.ID, Name: "Woonstichting", Form: wijk.FormPartner, Domain: wijk.DomainWoningcorporatie, Description: "Verhuurder"}},
			{"initiative loses domain",
				wijk.Organisation{WijkID: w.ID, Name: "Moestuin", Form: wijk.FormBurgerinitiatief, Domain: wijk.DomainWelzijn},
				wijk.Organisation{WijkID: w.ID, Name: "Moestuin", Form: wijk.FormBurgerinitiatief}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				in := tc.in
				if err := s.CreateOrganisation(t.Context(), &in); err != nil {
					t.Fatal(err)
				}
				want := tc.want
				want.ID, want.CreatedAt = in.ID, clk.Stored()
				got, err := s.Organisation(t.Context(), in.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Organisation mismatch (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestOrganisationValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		valid := func() wijk.Organisation {
			return wijk.Organisation{WijkID: w.ID, Name: "Moestuin", Form: wijk.FormBurgerinitiatief}
		}
		tests := []struct {
			name   string
			change func(*wijk.Organisation)
			fields []string
		}{
			{"no wijk", func(o *wijk.Organisation) { o.WijkID = "" }, []string{"wijk_id"}},
			{"no name", func(o *wijk.Organisation) { o.Name = "  " }, []string{"name"}},
			{"name too long", func(o *wijk.Organisation) { o.Name = strings.Repeat("ö", 121) }, []string{"name"}},
			{"unknown form", func(o *wijk.Organisation) { o.Form = "vereniging" }, []string{"form"}},
			{"partner without domain", func(o *wijk.Organisation) { o.Form = wijk.FormPartner }, []string{"domain"}},
			{"partner with unknown domain", func(o *wijk.Organisation) { o.Form, o.Domain = wijk.FormPartner, "kerk" }, []string{"domain"}},
			{"description too long", func(o *wijk.Organisation) { o.Description = strings.Repeat("x", 4001) }, []string{"description"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				o := valid()
				tc.change(&o)
				wantInvalid(t, s.CreateOrganisation(t.Context(), &o), tc.fields...)
			})
		}
		t.Run("unknown wijk", func(t *testing.T) {
			o := valid()
			o.WijkID = wei.NewID()
			wantCode(t, s.CreateOrganisation(t.Context(), &o), wei.EINVALID)
		})
		list, err := s.Organisations(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 0 {
			t.Errorf("len(Organisations)=%d, want 0 after only invalid creates", len(list))
		}
	})
}

func TestOrganisationConflict(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		first := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		tests := []struct {
			name string
			o    wijk.Organisation
			code string
		}{
			{"same name, same wijk", wijk.Organisation{WijkID: w.ID, Name: " Moestuin ", Form: wijk.FormBuurtbedrijf}, wei.ECONFLICT},
			{"same name, other wijk", wijk.Organisation{WijkID: other.ID, Name: "Moestuin", Form: wijk.FormBurgerinitiatief}, ""},
			{"other name, same wijk", wijk.Organisation{WijkID: w.ID, Name: "Repair Café", Form: wijk.FormBurgerinitiatief}, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				o := tc.o
				wantCode(t, s.CreateOrganisation(t.Context(), &o), tc.code)
			})
		}
		t.Run("rename to a taken name", func(t *testing.T) {
			o := mustOrganisation(t, s, w.ID, "Buurtkamer", wijk.FormBurgerinitiatief)
			o.Name = first.Name
			wantCode(t, s.UpdateOrganisation(t.Context(), &o), wei.ECONFLICT)
		})
	})
}

func TestUpdateOrganisation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		moestuin := mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		// An initiative with a phase history stays an initiative.
		moestuin.Form, moestuin.Domain = wijk.FormPartner, wijk.DomainGemeente
		wantInvalid(t, s.UpdateOrganisation(t.Context(), &moestuin), "form")
		o := mustOrganisation(t, s, w.ID, "Stadsdeelkantoor", wijk.FormPartner)
		o.Name, o.Form, o.Domain, o.Description = "Gemeente Amsterdam", wijk.FormPartner, wijk.DomainGemeente, "Stadsdeel"
		if err := s.UpdateOrganisation(t.Context(), &o); err != nil {
			t.Fatal(err)
		}
		got, err := s.Organisation(t.Context(), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := o
		want.CreatedAt = o.CreatedAt.Truncate(1e6)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Organisation after update mismatch (-want +got):\n%s", diff)
		}

		tests := []struct {
			name   string
			change func(*wijk.Organisation)
			code   string
		}{
			{"through another wijk", func(x *wijk.Organisation) { x.WijkID = other.ID }, wei.ENOTFOUND},
			{"unknown ID", func(x *wijk.Organisation) { x.ID = wei.NewID() }, wei.ENOTFOUND},
			{"invalid", func(x *wijk.Organisation) { x.Domain = "" }, wei.EINVALID},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				x := got
				x.Description = "changed"
				tc.change(&x)
				wantCode(t, s.UpdateOrganisation(t.Context(), &x), tc.code)
				after, err := s.Organisation(t.Context(), o.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(got, after); diff != "" {
					t.Errorf("failed update changed the organisation (-want +got):\n%s", diff)
				}
			})
		}
		t.Run("not found", func(t *testing.T) {
			_, err := s.Organisation(t.Context(), wei.NewID())
			wantCode(t, err, wei.ENOTFOUND)
		})
	})
}

func TestOrganisationsFilter(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		mustOrganisation(t, s, w.ID, "Woonstichting", wijk.FormPartner)
		mustOrganisation(t, s, w.ID, "Moestuin", wijk.FormBurgerinitiatief)
		mustOrganisation(t, s, w.ID, "Buurtbakker", wijk.FormBuurtbedrijf)
		mustOrganisation(t, s, w.ID, "Coöperatie Noord", wijk.FormWijkcooperatie)
		mustOrganisation(t, s, other.ID, "Andere moestuin", wijk.FormBurgerinitiatief)
		tests := []struct {
			name  string
			forms []wijk.Form
			want  []string
		}{
			{"all", nil, []string{"Buurtbakker", "Coöperatie Noord", "Moestuin", "Woonstichting"}},
			{"partners", []wijk.Form{wijk.FormPartner}, []string{"Woonstichting"}},
			{"initiatives", []wijk.Form{wijk.FormBurgerinitiatief, wijk.FormZelfstandigBurgerinitiatief, wijk.FormBuurtbedrijf}, []string{"Buurtbakker", "Moestuin"}},
			{"none of this form", []wijk.Form{wijk.FormZelfstandigBurgerinitiatief}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				list, err := s.Organisations(t.Context(), w.ID, tc.forms...)
				if err != nil {
					t.Fatal(err)
				}
				var names []string
				for _, o := range list {
					names = append(names, o.Name)
					if o.WijkID != w.ID {
						t.Errorf("WijkID=%q, want %q", o.WijkID, w.ID)
					}
				}
				if diff := cmp.Diff(tc.want, names); diff != "" {
					t.Errorf("Organisations mismatch (-want +got):\n%s", diff)
				}
			})
		}
	})
}
