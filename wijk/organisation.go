package wijk

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Form is the organisation form of the WEI-model. Initiatives grow from a
// burgerinitiatief into a zelfstandig burgerinitiatief or a buurtbedrijf;
// together they form the wijkcoöperatie. Partners are the other parties.
type Form string

const (
	FormBurgerinitiatief            Form = "burgerinitiatief"
	FormZelfstandigBurgerinitiatief Form = "zelfstandig_burgerinitiatief"
	FormBuurtbedrijf                Form = "buurtbedrijf"
	FormWijkcooperatie              Form = "wijkcooperatie"
	FormPartner                     Form = "partner"
)

// Forms lists every form in the order of the WEI-model.
var Forms = []Form{FormBurgerinitiatief, FormZelfstandigBurgerinitiatief, FormBuurtbedrijf, FormWijkcooperatie, FormPartner}

// IsInitiative reports whether the form belongs to a resident initiative
// (everything but partners).
func (f Form) IsInitiative() bool {
	return f == FormBurgerinitiatief || f == FormZelfstandigBurgerinitiatief || f == FormBuurtbedrijf
}

// Domain is the domain a partner works in.
type Domain string

const (
	DomainGemeente         Domain = "gemeente"
	DomainWoningcorporatie Domain = "woningcorporatie"
	DomainWelzijn          Domain = "welzijn"
	DomainOndernemer       Domain = "ondernemer"
	DomainOnderwijs        Domain = "onderwijs_wetenschap"
)

// Domains lists every partner domain.
var Domains = []Domain{DomainGemeente, DomainWoningcorporatie, DomainWelzijn, DomainOndernemer, DomainOnderwijs}

// Organisation is an initiative, a buurtbedrijf, the wijkcoöperatie or a partner.
type Organisation struct {
	ID          string
	WijkID      string
	Name        string
	Form        Form
	Domain      Domain // partners only
	Description string
	CreatedAt   time.Time
}

// Normalize trims fields.
func (o *Organisation) Normalize() {
	o.Name = strings.TrimSpace(o.Name)
	o.Description = strings.TrimSpace(o.Description)
	if o.Form != FormPartner {
		o.Domain = ""
	}
}

// Validate checks an organisation.
func (o *Organisation) Validate() error {
	f := wei.FieldErrors{}
	if o.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if o.Name == "" || len([]rune(o.Name)) > 120 {
		f.Add("name", "error.required")
	}
	if !contains(Forms, o.Form) {
		f.Add("form", "error.choice")
	}
	if o.Form == FormPartner && !contains(Domains, o.Domain) {
		f.Add("domain", "error.choice")
	}
	if len(o.Description) > 4000 {
		f.Add("description", "error.too_long")
	}
	return f.Err()
}

// MemberRole is what a person does in an organisation. The WEI-model lets a
// resident flow in at any level.
type MemberRole string

const (
	MemberDeelnemer      MemberRole = "deelnemer"
	MemberVrijwilliger   MemberRole = "vrijwilliger"
	MemberLid            MemberRole = "lid"
	MemberTrekker        MemberRole = "trekker"
	MemberMedewerker     MemberRole = "medewerker"
	MemberContactpersoon MemberRole = "contactpersoon"
)

// MemberRoles lists every member role.
var MemberRoles = []MemberRole{MemberDeelnemer, MemberVrijwilliger, MemberLid, MemberTrekker, MemberMedewerker, MemberContactpersoon}

// Membership ties a person to an organisation for a period.
type Membership struct {
	ID             string
	OrganisationID string
	PersonID       string
	Role           MemberRole
	StartedOn      time.Time // a date
	EndedOn        time.Time // zero while active
}

// Active reports whether the membership has not ended.
func (m *Membership) Active() bool { return m.EndedOn.IsZero() }

// Validate checks a membership.
func (m *Membership) Validate() error {
	f := wei.FieldErrors{}
	if m.OrganisationID == "" {
		f.Add("organisation_id", "error.required")
	}
	if m.PersonID == "" {
		f.Add("person_id", "error.required")
	}
	if !contains(MemberRoles, m.Role) {
		f.Add("role", "error.choice")
	}
	if m.StartedOn.IsZero() {
		f.Add("started_on", "error.date")
	}
	if !m.EndedOn.IsZero() && m.EndedOn.Before(m.StartedOn) {
		f.Add("ended_on", "error.date_order")
	}
	return f.Err()
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
