package pact

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Right to Challenge: a residents' organisation challenges the gemeente to
// let it carry out a task the gemeente does now (keeping a park, running a
// community centre), with its plan and business case against what the
// task costs the gemeente today. The gemeente assesses it and decides,
// with reasons; a changed decision keeps the earlier one visible. An
// accepted challenge gets an agreement, linked to a commitment of a
// wijkpact and to an account of the wijkboekhouding, through which its
// execution is followed.

// ChallengeStatus is where a challenge stands.
type ChallengeStatus string

const (
	ChallengeSubmitted ChallengeStatus = "submitted" // waiting for the gemeente's decision
	ChallengeAccepted  ChallengeStatus = "accepted"
	ChallengeRejected  ChallengeStatus = "rejected"
)

// Challenge is a Right to Challenge of a residents' organisation.
type Challenge struct {
	ID                string
	WijkID            string
	OrganisationID    string
	Task              string
	CurrentCostCents  int64 // what the task costs the gemeente a year now
	Plan              string
	BusinessCase      string
	ProposedCostCents int64 // what the organisation asks a year to do it
	Status            ChallengeStatus
	Agreement         string
	CommitmentID      string // the pact commitment that follows the execution
	LedgerAccountID   string // the account of the wijkboekhouding that follows the money
	CreatedBy         string
	CreatedAt         time.Time
	Decisions         []Decision // oldest first; the last one counts
}

// Decision is one decision of the gemeente on a challenge.
type Decision struct {
	ID       string
	Accepted bool
	Reasons  string
	ByUserID string
	At       time.Time
}

// SavingCents is what the gemeente saves a year if the organisation does
// the task for what it asks (negative when it costs more).
func (c Challenge) SavingCents() int64 { return c.CurrentCostCents - c.ProposedCostCents }

// Normalize trims the fields of a challenge.
func (c *Challenge) Normalize() {
	c.Task = strings.Join(strings.Fields(c.Task), " ")
	c.Plan = strings.TrimSpace(c.Plan)
	c.BusinessCase = strings.TrimSpace(c.BusinessCase)
}

// maxCents is the largest amount a challenge may name: 100 million euro.
const maxCents = 100_000_000_00

// Validate checks a new challenge. Messages are locale keys.
func (c *Challenge) Validate() error {
	f := wei.FieldErrors{}
	if c.OrganisationID == "" {
		f.Add("organisation_id", "challenge.error.org")
	}
	if n := len([]rune(c.Task)); n < 5 || n > 200 {
		f.Add("task", "challenge.error.task")
	}
	if c.CurrentCostCents < 0 || c.CurrentCostCents > maxCents {
		f.Add("current_cost", "challenge.error.amount")
	}
	if n := len([]rune(c.Plan)); n < 20 || n > 8000 {
		f.Add("plan", "challenge.error.plan")
	}
	if n := len([]rune(c.BusinessCase)); n < 20 || n > 8000 {
		f.Add("business_case", "challenge.error.business_case")
	}
	if c.ProposedCostCents < 0 || c.ProposedCostCents > maxCents {
		f.Add("proposed_cost", "challenge.error.amount")
	}
	return f.Err()
}

// ValidReasons checks the reasons of a decision: a decision without
// reasons is no answer.
func ValidReasons(s string) error {
	if n := len([]rune(strings.TrimSpace(s))); n < 10 || n > 4000 {
		return &wei.Error{Code: wei.EINVALID, Message: "Give the reasons.", Fields: map[string]string{"reasons": "challenge.error.reasons"}}
	}
	return nil
}
