// Package wijk is the first module of WEI: wijken and buurten with their CBS
// codes, residents with minimal personal data, organisations with their form
// and partners by domain, and memberships that tie people to organisations.
package wijk

import (
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Wijk is a neighbourhood: the unit WEI is installed for. CBS codes change
// when boundaries are redrawn, so a code always carries its year.
type Wijk struct {
	ID           string
	Slug         string // used in URLs: /w/{slug}
	Name         string
	CBSCode      string // e.g. WK036301; may contain letters
	CBSYear      int
	Municipality string
	Description  string
	CreatedAt    time.Time
}

// Buurt is a CBS sub-neighbourhood of a wijk.
type Buurt struct {
	ID      string
	WijkID  string
	Name    string
	CBSCode string // e.g. BU03630101
	CBSYear int
}

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	wijkCodeRe = regexp.MustCompile(`^WK[0-9A-Z]{6}$`)
	buurtCode  = regexp.MustCompile(`^BU[0-9A-Z]{8}$`)
)

// Normalize trims fields and upper-cases codes.
func (w *Wijk) Normalize() {
	w.Slug = strings.ToLower(strings.TrimSpace(w.Slug))
	w.Name = strings.TrimSpace(w.Name)
	w.CBSCode = strings.ToUpper(strings.TrimSpace(w.CBSCode))
	w.Municipality = strings.TrimSpace(w.Municipality)
	w.Description = strings.TrimSpace(w.Description)
}

// Validate checks a wijk. Messages are locale keys.
func (w *Wijk) Validate() error {
	f := wei.FieldErrors{}
	if !slugRe.MatchString(w.Slug) || len(w.Slug) > 60 {
		f.Add("slug", "error.slug")
	}
	if w.Name == "" || len(w.Name) > 120 {
		f.Add("name", "error.required")
	}
	if !wijkCodeRe.MatchString(w.CBSCode) {
		f.Add("cbs_code", "error.cbs_wijk_code")
	}
	if w.CBSYear < 2000 || w.CBSYear > 2100 {
		f.Add("cbs_year", "error.cbs_year")
	}
	if w.Municipality == "" {
		f.Add("municipality", "error.required")
	}
	return f.Err()
}

// Normalize trims fields and upper-cases the code.
func (b *Buurt) Normalize() {
	b.Name = strings.TrimSpace(b.Name)
	b.CBSCode = strings.ToUpper(strings.TrimSpace(b.CBSCode))
}

// Validate checks a buurt.
func (b *Buurt) Validate() error {
	f := wei.FieldErrors{}
	if b.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if b.Name == "" || len(b.Name) > 120 {
		f.Add("name", "error.required")
	}
	if !buurtCode.MatchString(b.CBSCode) {
		f.Add("cbs_code", "error.cbs_buurt_code")
	}
	if b.CBSYear < 2000 || b.CBSYear > 2100 {
		f.Add("cbs_year", "error.cbs_year")
	}
	return f.Err()
}

// ValidEmail reports whether s is a plain e-mail address.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s, ".") && len(s) <= 254
}
