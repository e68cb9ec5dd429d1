package store_test

import (
	"slices"
	"testing"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// TestRegisterAndOverlaps: the who-does-what register keeps one line per
// organisation, theme and buurt, refuses organisations and buurten of
// another wijk, and shows where organisations work side by side.
func TestRegisterAndOverlaps(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		newClock(s)
		sw := newSignalWijk(t, s, "register")
		welzijn := mustOrganisation(t, s, sw.w.ID, "Welzijn Lindenwaard", wijk.FormPartner)
		corporatie := mustOrganisation(t, s, sw.w.ID, "Woonstichting", wijk.FormPartner)
		kerk := mustOrganisation(t, s, sw.w.ID, "Buurtkerk", wijk.FormBurgerinitiatief)
		vreemd := mustOrganisation(t, s, sw.other.ID, "Elders BV", wijk.FormPartner)
		add := func(e signaal.RegisterEntry) error {
			e.WijkID, e.CreatedBy = sw.w.ID, sw.coordinator
			return s.AddRegisterEntry(t.Context(), &e)
		}
		must := func(e signaal.RegisterEntry) {
			t.Helper()
			if err := add(e); err != nil {
				t.Fatalf("AddRegisterEntry(%+v): %v", e, err)
			}
		}
		must(signaal.RegisterEntry{OrganisationID: welzijn.ID, Theme: "eenzaamheid", BuurtID: sw.noord.ID, ContactName: "Sanne de Boer", ContactRole: "Opbouwwerker", ContactEmail: "Sanne@Welzijn.example"})
		must(signaal.RegisterEntry{OrganisationID: kerk.ID, Theme: "eenzaamheid", BuurtID: sw.noord.ID})
		must(signaal.RegisterEntry{OrganisationID: corporatie.ID, Theme: "eenzaamheid"}) // the whole wijk
		must(signaal.RegisterEntry{OrganisationID: corporatie.ID, Theme: "wonen", BuurtID: sw.zuid.ID, ContactName: "Ahmed", ContactPhone: "+31 20 123 4567"})

		wantCode(t, add(signaal.RegisterEntry{OrganisationID: kerk.ID, Theme: "eenzaamheid", BuurtID: sw.noord.ID}), wei.ECONFLICT)
		wantCode(t, add(signaal.RegisterEntry{OrganisationID: corporatie.ID, Theme: "eenzaamheid"}), wei.ECONFLICT)
		wantInvalid(t, add(signaal.RegisterEntry{OrganisationID: vreemd.ID, Theme: "groen"}), "organisation_id")
		wantInvalid(t, add(signaal.RegisterEntry{OrganisationID: kerk.ID, Theme: "groen", BuurtID: sw.elders.ID}), "buurt_id")
		wantInvalid(t, add(signaal.RegisterEntry{OrganisationID: kerk.ID, Theme: "groen", ContactEmail: "geen-mail", ContactPhone: "x"}), "contact_email", "contact_phone", "contact_name")
		wantInvalid(t, add(signaal.RegisterEntry{OrganisationID: kerk.ID, Theme: "bestaat-niet"}), "theme")

		entries, err := s.RegisterEntries(t.Context(), sw.w.ID)
		if err != nil || len(entries) != 4 {
			t.Fatalf("RegisterEntries=%v, %v", entries, err)
		}
		if e := entries[0]; e.Theme != "eenzaamheid" || e.BuurtID != "" || e.OrganisationID != corporatie.ID {
			t.Errorf("first entry=%+v, want the whole-wijk line first", e)
		}
		for _, e := range entries {
			if e.OrganisationID == welzijn.ID && e.ContactEmail != "sanne@welzijn.example" {
				t.Errorf("contact e-mail=%q, want lower case", e.ContactEmail)
			}
		}

		// Eenzaamheid in Noord: Welzijn and the kerk in the buurt, the
		// corporatie in the whole wijk. Wonen in Zuid: one organisation.
		ov, err := s.Overlaps(t.Context(), sw.w.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{corporatie.ID, welzijn.ID, kerk.ID}
		slices.Sort(want)
		if len(ov) != 1 || ov[0].Theme != "eenzaamheid" || ov[0].BuurtID != sw.noord.ID || !slices.Equal(ov[0].OrganisationIDs, want) {
			t.Errorf("Overlaps=%+v, want eenzaamheid in Noord with three organisations", ov)
		}

		// Removing a line ends the overlap it was part of; its contact's
		// removal is audited.
		for _, e := range entries {
			if e.OrganisationID != corporatie.ID || e.Theme != "eenzaamheid" {
				continue
			}
			if err := s.DeleteRegisterEntry(t.Context(), sw.w.ID, e.ID, sw.coordinator); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, s.DeleteRegisterEntry(t.Context(), sw.other.ID, entries[1].ID, sw.coordinator), wei.ENOTFOUND)
		ov, _ = s.Overlaps(t.Context(), sw.w.ID)
		if len(ov) != 1 || len(ov[0].OrganisationIDs) != 2 {
			t.Errorf("Overlaps after removal=%+v, want Welzijn and the kerk", ov)
		}
		for _, e := range entries {
			if e.ContactName == "" {
				continue
			}
			log, _ := s.AuditAbout(t.Context(), []string{e.ID}, 5)
			if len(log) != 1 || log[0].Action != privacy.ActionCreate || log[0].SubjectType != "register_contact" {
				t.Errorf("audit about the contact of %s=%+v", e.ContactName, log)
			}
		}
	})
}
