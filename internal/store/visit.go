package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// House visits (huisbezoeken): an intake with a resident, recorded with
// their consent. Recording a visit is one transaction: the resident (when
// new), the visit with its scores and problems, a signal per problem, the
// resident's instroom in an initiative when they want to join one, and the
// audit entries.

const visitCols = `id, wijk_id, buurt_id, COALESCE(person_id, ''), visited_on, postcode, house_number, consent_how, consent_by, consent_at,
	score_safety, score_contact, score_green, score_housing, score_facilities, ideas, wants_to_help, help_with,
	COALESCE(initiative_id, ''), note, recorded_by, created_at, personal_erased_at, notes_erased_at`

// visitInsertCols are visitCols as plain column names.
var visitInsertCols = strings.NewReplacer("COALESCE(person_id, '')", "person_id", "COALESCE(initiative_id, '')", "initiative_id").Replace(visitCols)

// visitPublicCols leave out the free text and the address; VisitPrivate
// reads them, and audits that.
var visitPublicCols = strings.NewReplacer(
	"visited_on, postcode, house_number,", "visited_on, '', 0,",
	"ideas, wants_to_help, help_with,", "'', wants_to_help, '',",
	"note, recorded_by", "'', recorded_by",
).Replace(visitCols)

func scanVisit(sc interface{ Scan(...any) error }) (signaal.Visit, error) {
	var v signaal.Visit
	var visited string
	var consent, created, perased, nerased int64
	var sc1, sc2, sc3, sc4, sc5 int
	err := sc.Scan(&v.ID, &v.WijkID, &v.BuurtID, &v.PersonID, &visited, &v.Postcode, &v.HouseNumber, &v.ConsentHow, &v.ConsentBy, &consent,
		&sc1, &sc2, &sc3, &sc4, &sc5, &v.Ideas, &v.WantsToHelp, &v.HelpWith, &v.InitiativeID, &v.Note, &v.RecordedBy, &created, &perased, &nerased)
	if err != nil {
		return v, err
	}
	v.VisitedOn, v.ConsentAt, v.CreatedAt = parseDate(visited), fromMS(consent), fromMS(created)
	v.PersonalErasedAt, v.NotesErasedAt = fromMS(perased), fromMS(nerased)
	v.Scores = map[string]int{}
	for i, n := range []int{sc1, sc2, sc3, sc4, sc5} {
		if n > 0 {
			v.Scores[signaal.Aspects[i]] = n
		}
	}
	return v, nil
}

// NewResident is a resident registered during a house visit, on their
// behalf; the visit's consent covers it.
type NewResident struct {
	DisplayName string
	Phone       string
	Email       string
}

// RecordVisit validates and stores a house visit. When resident is not
// nil a resident record is made for them first (consent by the visitor, as
// recorded on the visit). Each problem becomes a signal of source "visit"
// in the visit's buurt; a resident who wants to join an initiative flows
// in as a volunteer (instroom) on the visit date. The buurt comes from the
// address when one is given, else from v.BuurtID.
func (s *Store) RecordVisit(ctx context.Context, v *signaal.Visit, resident *NewResident, requestID string) error {
	v.Normalize()
	themes, err := s.Themes(ctx, v.WijkID)
	if err != nil {
		return err
	}
	var person *wijk.Person
	if resident != nil {
		person = &wijk.Person{WijkID: v.WijkID, DisplayName: resident.DisplayName, Phone: resident.Phone, Email: resident.Email,
			ConsentBy: v.ConsentBy, ConsentAt: v.ConsentAt}
		person.Normalize()
		if err := person.Validate(); err != nil {
			return prefixFields(err, "resident_")
		}
		person.ID = wei.NewID()
		v.PersonID = person.ID
	}
	now := s.now().UTC().Truncate(time.Millisecond)
	buurtID, err := s.locateAfter(ctx, v.Validate(themes, now), v.WijkID, v.Postcode, v.HouseNumber, false, 0, 0, v.BuurtID)
	if err != nil {
		return err
	}
	v.BuurtID, v.ID, v.CreatedAt = buurtID, wei.NewID(), now
	if person != nil {
		person.BuurtID, person.CreatedAt = buurtID, now
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if person != nil {
			if err := createPerson(ctx, tx, person); err != nil {
				return prefixFields(err, "resident_")
			}
			if err := audit(ctx, tx, privacy.AuditEntry{ActorID: v.RecordedBy, WijkID: v.WijkID, Action: privacy.ActionCreate, SubjectType: "person",
				SubjectID: person.ID, Detail: "registered during a house visit, consent " + v.ConsentHow, RequestID: requestID}); err != nil {
				return err
			}
		} else if v.PersonID != "" {
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM people WHERE id = ? AND wijk_id = ? AND erased_at = 0", v.PersonID, v.WijkID).Scan(&n); err != nil {
				return fmt.Errorf("store: record visit: %w", err)
			}
			if n == 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "This resident is not known in the wijk.", Fields: map[string]string{"person_id": "error.choice"}}
			}
		}
		score := func(a string) int { return v.Scores[a] }
		_, err := tx.exec(ctx, "INSERT INTO visits ("+visitInsertCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
			v.ID, v.WijkID, v.BuurtID, nullStr(v.PersonID), dateStr(v.VisitedOn), v.Postcode, v.HouseNumber, v.ConsentHow, v.ConsentBy, ms(v.ConsentAt),
			score(signaal.AspectSafety), score(signaal.AspectContact), score(signaal.AspectGreen), score(signaal.AspectHousing), score(signaal.AspectFacilities),
			v.Ideas, v.WantsToHelp, v.HelpWith, nullStr(v.InitiativeID), v.Note, v.RecordedBy, ms(v.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: record visit: %w", err))
		}
		for _, p := range v.Problems {
			if _, err := tx.exec(ctx, "INSERT INTO visit_problems (visit_id, theme) VALUES (?, ?)", v.ID, p.Theme); err != nil {
				return mapErr(fmt.Errorf("store: record visit: %w", err))
			}
			sg := signaal.Signal{ID: wei.NewID(), WijkID: v.WijkID, BuurtID: v.BuurtID, Theme: p.Theme, Urgency: p.Urgency, Status: signaal.StatusNew,
				Source: signaal.SourceVisit, Title: p.Title, PersonID: v.PersonID, VisitID: v.ID, CreatedBy: v.RecordedBy, CreatedAt: now, UpdatedAt: now}
			if err := insertSignal(ctx, tx, &sg); err != nil {
				return err
			}
		}
		if v.InitiativeID != "" {
			if err := visitInstroom(ctx, tx, v); err != nil {
				return err
			}
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: v.RecordedBy, WijkID: v.WijkID, Action: privacy.ActionCreate, SubjectType: "visit",
			SubjectID: v.ID, Detail: "consent " + v.ConsentHow, RequestID: requestID})
	})
}

// visitInstroom lets the visited resident join the initiative they chose,
// as a volunteer on the visit date: an instroom in the WEI-proces.
func visitInstroom(ctx context.Context, tx *Tx, v *signaal.Visit) error {
	var wijkID, form string
	err := tx.queryRow(ctx, "SELECT wijk_id, form FROM organisations WHERE id = ?", v.InitiativeID).Scan(&wijkID, &form)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (wijkID != v.WijkID || !wijk.Form(form).IsInitiative())) {
		return &wei.Error{Code: wei.EINVALID, Message: "Choose an initiative of this wijk.", Fields: map[string]string{"initiative_id": "error.choice"}}
	} else if err != nil {
		return fmt.Errorf("store: visit instroom: %w", err)
	}
	on := v.VisitedOn
	if proces.Day(on).After(proces.Day(tx.s.now())) {
		on = tx.s.now()
	}
	m := wijk.Membership{ID: wei.NewID(), OrganisationID: v.InitiativeID, PersonID: v.PersonID, Role: wijk.MemberVrijwilliger, StartedOn: on}
	if err := addMembership(ctx, tx, &m); err != nil {
		var e *wei.Error
		if errors.As(err, &e) && e.Fields != nil {
			// The membership's own fields mean nothing on the visit form.
			return &wei.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{"initiative_id": "signals.error.join"}}
		}
		return err
	}
	return flowEvent(ctx, tx, &m, proces.Instroom, on, "", "", v.RecordedBy)
}

// prefixFields renames the fields of a validation error, for a record
// made inside another form (the resident of a visit: "resident_display_name").
func prefixFields(err error, prefix string) error {
	var e *wei.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	f := map[string]string{}
	for k, v := range e.Fields {
		f[prefix+k] = v
	}
	return &wei.Error{Code: e.Code, Message: e.Message, Fields: f}
}

// Visits lists the wijk's house visits, newest first, without their free
// text and address.
func (s *Store) Visits(ctx context.Context, wijkID string) ([]signaal.Visit, error) {
	rows, err := s.query(ctx, "SELECT "+visitPublicCols+" FROM visits WHERE wijk_id = ? ORDER BY visited_on DESC, created_at DESC, id DESC", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: visits: %w", err)
	}
	defer rows.Close()
	var out []signaal.Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: visits: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: visits: %w", err)
	}
	return out, s.visitProblems(ctx, out)
}

// Visit returns one house visit without its free text and address.
func (s *Store) Visit(ctx context.Context, id string) (signaal.Visit, error) {
	v, err := scanVisit(s.queryRow(ctx, "SELECT "+visitPublicCols+" FROM visits WHERE id = ?", id))
	if err != nil {
		return v, notFound(err, "store: visit %s: %w", id)
	}
	list := []signaal.Visit{v}
	err = s.visitProblems(ctx, list)
	return list[0], err
}

// VisitPrivate returns a house visit with its free text and address, and
// records the read in the audit log in the same transaction: only for
// those with PermViewNotes.
func (s *Store) VisitPrivate(ctx context.Context, id string, read privacy.AuditEntry) (signaal.Visit, error) {
	var v signaal.Visit
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		v, err = scanVisit(tx.queryRow(ctx, "SELECT "+visitCols+" FROM visits WHERE id = ?", id))
		if err != nil {
			return notFound(err, "store: visit %s: %w", id)
		}
		read.Action, read.SubjectType, read.SubjectID, read.WijkID = privacy.ActionRead, "visit", id, v.WijkID
		if read.Detail == "" {
			read.Detail = "notes and address"
		}
		return audit(ctx, tx, read)
	})
	if err != nil {
		return v, err
	}
	list := []signaal.Visit{v}
	err = s.visitProblems(ctx, list)
	return list[0], err
}

// visitProblems fills in the problem themes of the visits, with the title
// and urgency of the signal each became.
func (s *Store) visitProblems(ctx context.Context, visits []signaal.Visit) error {
	if len(visits) == 0 {
		return nil
	}
	idx := map[string]int{}
	q := "SELECT visit_id, theme, title, urgency FROM signals WHERE visit_id IN (?"
	args := []any{visits[0].ID}
	idx[visits[0].ID] = 0
	for i, v := range visits[1:] {
		q += ", ?"
		args = append(args, v.ID)
		idx[v.ID] = i + 1
	}
	if len(visits) > 500 {
		// Too many placeholders for one query: read the whole wijk.
		q, args = "SELECT visit_id, theme, title, urgency FROM signals WHERE wijk_id = ? AND visit_id IS NOT NULL", []any{visits[0].WijkID}
	} else {
		q += ")"
	}
	rows, err := s.query(ctx, q+" ORDER BY visit_id, created_at, id", args...)
	if err != nil {
		return fmt.Errorf("store: visit problems: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var vid string
		var p signaal.Problem
		if err := rows.Scan(&vid, &p.Theme, &p.Title, &p.Urgency); err != nil {
			return fmt.Errorf("store: visit problems: %w", err)
		}
		if i, ok := idx[vid]; ok {
			visits[i].Problems = append(visits[i].Problems, p)
		}
	}
	return rows.Err()
}

// VisitScore is the mean score of the visits in a buurt for one aspect,
// in tenths (a mean of 3.4 is 34), with the number of answers.
type VisitScore struct {
	BuurtID string
	Aspect  string
	Answers int
	Tenths  int
}

// VisitScoresBetween returns the mean score per buurt and aspect of the
// visits made in [from, to).
func (s *Store) VisitScoresBetween(ctx context.Context, wijkID string, from, to time.Time) ([]VisitScore, error) {
	cols := []string{"score_safety", "score_contact", "score_green", "score_housing", "score_facilities"}
	var out []VisitScore
	for i, c := range cols {
		rows, err := s.query(ctx, "SELECT buurt_id, count(*), COALESCE(sum("+c+"), 0) FROM visits WHERE wijk_id = ? AND visited_on >= ? AND visited_on < ? AND "+c+" > 0 GROUP BY buurt_id ORDER BY buurt_id",
			wijkID, dateStr(from), dateStr(to))
		if err != nil {
			return nil, fmt.Errorf("store: visit scores: %w", err)
		}
		for rows.Next() {
			var vs VisitScore
			var sum int
			if err := rows.Scan(&vs.BuurtID, &vs.Answers, &sum); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: visit scores: %w", err)
			}
			vs.Aspect = signaal.Aspects[i]
			vs.Tenths = (sum*10 + vs.Answers/2) / vs.Answers
			out = append(out, vs)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: visit scores: %w", err)
		}
	}
	return out, nil
}
