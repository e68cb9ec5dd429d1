package wijk

import (
	"testing"
	"time"

	"github.com/wei-platform/wei"
)

func fieldsOf(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := err.(*wei.Error)
	if !ok || e.Code != wei.EINVALID {
		t.Fatalf("err=%v, want EINVALID *wei.Error", err)
	}
	return e.Fields
}

func TestWijkValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		w     Wijk
		field string // "" for valid
	}{
		{"valid", Wijk{Slug: "blauwe-akker", Name: "Blauwe Akker", CBSCode: "wk099901", CBSYear: 2025, Municipality: "X"}, ""},
		{"code with letters", Wijk{Slug: "a", Name: "A", CBSCode: "WK0999AB", CBSYear: 2025, Municipality: "X"}, ""},
		{"bad slug", Wijk{Slug: "Blauwe Akker", Name: "A", CBSCode: "WK099901", CBSYear: 2025, Municipality: "X"}, "slug"},
		{"buurt code as wijk code", Wijk{Slug: "a", Name: "A", CBSCode: "BU09990101", CBSYear: 2025, Municipality: "X"}, "cbs_code"},
		{"no year", Wijk{Slug: "a", Name: "A", CBSCode: "WK099901", Municipality: "X"}, "cbs_year"},
		{"no name", Wijk{Slug: "a", CBSCode: "WK099901", CBSYear: 2025, Municipality: "X"}, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.w.Normalize()
			f := fieldsOf(t, tc.w.Validate())
			if tc.field == "" && f != nil {
				t.Fatalf("Validate fields=%v, want valid", f)
			}
			if tc.field != "" && f[tc.field] == "" {
				t.Fatalf("Validate fields=%v, want an error on %s", f, tc.field)
			}
		})
	}
}

func TestPersonAndOrganisationValidate(t *testing.T) {
	t.Parallel()
	p := Person{WijkID: "w", DisplayName: " Ria J. ", Email: " RIA@Example.org ", ConsentAt: time.Now()}
	p.Normalize()
	if err := p.Validate(); err != nil || p.Email != "ria@example.org" || p.DisplayName != "Ria J." {
		t.Fatalf("Validate=%v, Email=%q DisplayName=%q", err, p.Email, p.DisplayName)
	}
	p.ConsentAt = time.Time{}
	if f := fieldsOf(t, p.Validate()); f["consent"] == "" {
		t.Errorf("person without consent: fields=%v, want consent error", f)
	}
	p = Person{WijkID: "w", DisplayName: "A", Email: "not-an-address", Phone: "call me", ConsentAt: time.Now()}
	if f := fieldsOf(t, p.Validate()); f["email"] == "" || f["phone"] == "" {
		t.Errorf("fields=%v, want email and phone errors", f)
	}
	o := Organisation{WijkID: "w", Name: "Woonstichting", Form: FormPartner}
	if f := fieldsOf(t, o.Validate()); f["domain"] == "" {
		t.Errorf("partner without domain: fields=%v, want domain error", f)
	}
	o = Organisation{WijkID: "w", Name: "Kookclub", Form: FormBurgerinitiatief, Domain: DomainWelzijn}
	o.Normalize()
	if err := o.Validate(); err != nil || o.Domain != "" {
		t.Errorf("initiative: err=%v domain=%q, want valid without domain", err, o.Domain)
	}
	m := Membership{OrganisationID: "o", PersonID: "p", Role: MemberTrekker, StartedOn: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), EndedOn: time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)}
	if f := fieldsOf(t, m.Validate()); f["ended_on"] == "" {
		t.Errorf("membership ending before start: fields=%v", f)
	}
}
