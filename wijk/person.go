package wijk

import (
	"regexp"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Person is a resident (bewoner) known in a wijk. Personal data is kept to
// what the work needs: a name the person chose to be called by, optional
// contact details and the buurt. A person need not have an account: a
// coordinator can register someone with low digital skills on their behalf,
// and then records who gave consent and when.
type Person struct {
	ID          string
	WijkID      string
	BuurtID     string // optional
	DisplayName string
	Email       string // optional
	Phone       string // optional
	UserID      string // optional: the account of this person
	ConsentBy   string // user who recorded consent on the person's behalf; empty if self-registered
	ConsentAt   time.Time
	CreatedAt   time.Time
	ErasedAt    time.Time // zero unless erased (AVG)
}

// ErasedName is what an erased person is shown as.
const ErasedName = "—"

// Erased reports whether the person's personal data was erased.
func (p *Person) Erased() bool { return !p.ErasedAt.IsZero() }

var phoneRe = regexp.MustCompile(`^\+?[0-9 ()-]{6,20}$`)

// Normalize trims fields and lower-cases the e-mail address.
func (p *Person) Normalize() {
	p.DisplayName = strings.TrimSpace(p.DisplayName)
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	p.Phone = strings.TrimSpace(p.Phone)
}

// Validate checks a person.
func (p *Person) Validate() error {
	f := wei.FieldErrors{}
	if p.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if p.DisplayName == "" || len([]rune(p.DisplayName)) > 80 {
		f.Add("display_name", "error.name")
	}
	if p.Email != "" && !ValidEmail(p.Email) {
		f.Add("email", "error.email")
	}
	if p.Phone != "" && !phoneRe.MatchString(p.Phone) {
		f.Add("phone", "error.phone")
	}
	if p.ConsentAt.IsZero() {
		f.Add("consent", "error.consent")
	}
	return f.Err()
}
