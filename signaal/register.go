package signaal

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// RegisterEntry is one line of the who-does-what register (sociale kaart):
// an organisation works on a theme in a buurt, or in the whole wijk when
// BuurtID is "", with a contact person there. The contact is a
// professional's work contact, shown to those who may view signals.
type RegisterEntry struct {
	ID             string
	WijkID         string
	OrganisationID string
	Theme          string
	BuurtID        string // "" = the whole wijk
	ContactName    string
	ContactRole    string
	ContactPhone   string
	ContactEmail   string
	CreatedBy      string
	CreatedAt      time.Time
}

var (
	contactPhoneRe = regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`)
	emailRe        = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Normalize trims the entry's fields.
func (e *RegisterEntry) Normalize() {
	e.ContactName = strings.Join(strings.Fields(e.ContactName), " ")
	e.ContactRole = strings.Join(strings.Fields(e.ContactRole), " ")
	e.ContactPhone = strings.TrimSpace(e.ContactPhone)
	e.ContactEmail = strings.ToLower(strings.TrimSpace(e.ContactEmail))
}

// Validate checks an entry against the wijk's themes. The organisation and
// buurt are checked against the wijk by the store.
func (e *RegisterEntry) Validate(themes []Theme) error {
	f := wei.FieldErrors{}
	if e.OrganisationID == "" {
		f.Add("organisation_id", "signals.error.organisation")
	}
	if !activeTheme(themes, e.Theme) {
		f.Add("theme", "signals.error.theme")
	}
	if n := len([]rune(e.ContactName)); n > 80 {
		f.Add("contact_name", "error.too_long")
	}
	if len([]rune(e.ContactRole)) > 80 {
		f.Add("contact_role", "error.too_long")
	}
	if e.ContactPhone != "" && !contactPhoneRe.MatchString(e.ContactPhone) {
		f.Add("contact_phone", "error.phone")
	}
	if e.ContactEmail != "" && (!emailRe.MatchString(e.ContactEmail) || len(e.ContactEmail) > 254) {
		f.Add("contact_email", "error.email")
	}
	if e.ContactName == "" && (e.ContactPhone != "" || e.ContactEmail != "") {
		f.Add("contact_name", "signals.error.contact_name")
	}
	return f.Err()
}

// FindOverlaps finds the themes and buurten on which two or more
// organisations work without being connected (having met in the same
// overleg meeting or sharing an action item).
//
// The rule: an organisation registered for the whole wijk works in every
// buurt. For each theme and each buurt B the organisations working there
// are those registered for B plus those registered for the whole wijk. The
// whole-wijk organisations among themselves are reported once, with
// BuurtID "", and a buurt is reported only when at least one organisation
// registered for that buurt is part of an unconnected pair, so that the
// same whole-wijk pair is not repeated for every buurt. An overlap lists the
// organisations that have at least one unconnected partner in its set; when
// every pair is connected there is no overlap. Results are sorted by theme,
// then buurt ("" first), and hold sorted organisation IDs.
func FindOverlaps(entries []RegisterEntry, connected map[OrgPair]bool) []Overlap {
	type key struct{ theme, buurt string }
	orgs := map[key]map[string]bool{}
	for _, e := range entries {
		k := key{e.Theme, e.BuurtID}
		if orgs[k] == nil {
			orgs[k] = map[string]bool{}
		}
		orgs[k][e.OrganisationID] = true
	}
	var out []Overlap
	for k, local := range orgs {
		set := map[string]bool{}
		for o := range local {
			set[o] = true
		}
		if k.buurt != "" {
			for o := range orgs[key{k.theme, ""}] {
				set[o] = true
			}
		}
		ids := make([]string, 0, len(set))
		for o := range set {
			ids = append(ids, o)
		}
		sort.Strings(ids)
		unconnected := map[string]bool{}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				a, b := ids[i], ids[j]
				if connected[Pair(a, b)] {
					continue
				}
				// In a buurt, a pair of two whole-wijk organisations is
				// reported under the whole wijk, not here.
				if k.buurt != "" && !local[a] && !local[b] {
					continue
				}
				unconnected[a], unconnected[b] = true, true
			}
		}
		if len(unconnected) < 2 {
			continue
		}
		ov := Overlap{Theme: k.theme, BuurtID: k.buurt}
		for _, o := range ids {
			if unconnected[o] {
				ov.OrganisationIDs = append(ov.OrganisationIDs, o)
			}
		}
		out = append(out, ov)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Theme != out[j].Theme {
			return out[i].Theme < out[j].Theme
		}
		return out[i].BuurtID < out[j].BuurtID
	})
	return out
}
