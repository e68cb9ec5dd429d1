// Package privacy holds what WEI does for the AVG (GDPR): the audit log of
// who read or changed personal data, the export of everything about a user,
// and the rules of erasure.
package privacy

import (
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/wijk"
)

// Action is what was done with personal data.
type Action string

const (
	ActionRead   Action = "read"
	ActionCreate Action = "create"
	ActionUpdate Action = "update"
	ActionExport Action = "export"
	ActionErase  Action = "erase"
)

// AuditEntry records one read or change of personal data. It holds IDs,
// never the personal data itself, so it survives erasure.
type AuditEntry struct {
	ID          string
	At          time.Time
	ActorID     string // user ID, "" for the system
	WijkID      string
	Action      Action
	SubjectType string // "person", "user", ...
	SubjectID   string
	Detail      string
	RequestID   string
}

// Export is everything WEI holds about one account: what a resident
// downloads from "mijn gegevens".
type Export struct {
	ExportedAt  time.Time          `json:"exported_at"`
	Account     ExportAccount      `json:"account"`
	People      []ExportPerson     `json:"resident_records"`
	Memberships []ExportMembership `json:"memberships"`
	Roles       []ExportRole       `json:"roles"`
	APITokens   []ExportToken      `json:"api_tokens"`
	Signals     []ExportSignal     `json:"signals"`
	Visits      []ExportVisit      `json:"house_visits"`
	Inputs      []ExportInput      `json:"dialogue_inputs"`
	Timebank    []ExportTimebank   `json:"timebank"`
	Audit       []ExportAudit      `json:"audit_log_about_you"`
}

type ExportAccount struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"display_name"`
	Locale      string    `json:"language"`
	HasPassword bool      `json:"has_password"`
	CreatedAt   time.Time `json:"created_at"`
	LastLoginAt time.Time `json:"last_login_at,omitzero"`
}

type ExportPerson struct {
	ID          string    `json:"id"`
	Wijk        string    `json:"wijk"`
	Buurt       string    `json:"buurt,omitempty"`
	DisplayName string    `json:"display_name"`
	Email       string    `json:"email,omitempty"`
	Phone       string    `json:"phone,omitempty"`
	ConsentAt   time.Time `json:"consent_at"`
	ConsentBy   string    `json:"consent_recorded_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

type ExportMembership struct {
	Organisation string          `json:"organisation"`
	Role         wijk.MemberRole `json:"role"`
	StartedOn    string          `json:"started_on"`
	EndedOn      string          `json:"ended_on,omitempty"`
}

type ExportRole struct {
	Wijk         string       `json:"wijk"`
	Role         account.Role `json:"role"`
	Organisation string       `json:"organisation,omitempty"`
}

type ExportToken struct {
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	Revoked    bool      `json:"revoked"`
}

type ExportAudit struct {
	At      time.Time `json:"at"`
	Action  Action    `json:"action"`
	Subject string    `json:"subject"`
	ByYou   bool      `json:"by_you"`
	Detail  string    `json:"detail,omitempty"`
}

// ExportSignal is a problem signal the person reported or that is about them.
type ExportSignal struct {
	Wijk        string    `json:"wijk"`
	Title       string    `json:"title"`
	Theme       string    `json:"theme"`
	Status      string    `json:"status"`
	Note        string    `json:"note,omitempty"`
	Postcode    string    `json:"postcode,omitempty"`
	HouseNumber int       `json:"house_number,omitempty"`
	Contact     string    `json:"contact,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// ExportVisit is a house visit (intake) with the person.
type ExportVisit struct {
	Wijk        string    `json:"wijk"`
	VisitedOn   string    `json:"visited_on"`
	Postcode    string    `json:"postcode,omitempty"`
	HouseNumber int       `json:"house_number,omitempty"`
	ConsentHow  string    `json:"consent_how"`
	ConsentAt   time.Time `json:"consent_at"`
	Scores      struct {
		Safety     int `json:"safety"`
		Contact    int `json:"contact_with_neighbours"`
		Green      int `json:"green"`
		Housing    int `json:"housing"`
		Facilities int `json:"facilities"`
	} `json:"scores"`
	Ideas       string `json:"ideas,omitempty"`
	WantsToHelp bool   `json:"wants_to_help"`
	HelpWith    string `json:"help_with,omitempty"`
	Note        string `json:"note,omitempty"`
}

// ExportTimebank is the time bank of a resident record: the personal
// tijdbank-code, by which whoever knows it can pay the resident in hours or
// the local currency.
type ExportTimebank struct {
	Wijk      string    `json:"wijk"`
	Code      string    `json:"code"`
	CreatedAt time.Time `json:"code_created_at"`
}

// ExportInput is an input given in a wijkdialoog (or one the person
// follows) with its answer.
type ExportInput struct {
	Wijk      string    `json:"wijk"`
	Dialogue  string    `json:"dialogue"`
	Kind      string    `json:"kind"`
	Text      string    `json:"text"`
	OnBehalf  bool      `json:"entered_on_your_behalf"`
	Status    string    `json:"status"`
	Answer    string    `json:"answer,omitempty"`
	Following bool      `json:"following"`
	CreatedAt time.Time `json:"created_at"`
}
