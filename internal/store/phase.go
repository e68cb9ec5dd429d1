package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// Initiative is an organisation of an initiative form with its current
// phase, kept beside the phase log for fast lists.
type Initiative struct {
	wijk.Organisation
	Phase      proces.Phase
	PhaseSeq   int
	PhaseSince time.Time
}

const initiativeCols = orgCols + ", phase, phase_seq, phase_since"

func scanInitiative(sc interface{ Scan(...any) error }) (Initiative, error) {
	var in Initiative
	var form, domain, phase, since string
	var created int64
	err := sc.Scan(&in.ID, &in.WijkID, &in.Name, &form, &domain, &in.Description, &created, &phase, &in.PhaseSeq, &since)
	in.Form, in.Domain, in.CreatedAt = wijk.Form(form), wijk.Domain(domain), fromMS(created)
	in.Phase, in.PhaseSince = proces.Phase(phase), parseDate(since)
	return in, err
}

const initiativeWhere = " AND form IN ('burgerinitiatief', 'zelfstandig_burgerinitiatief', 'buurtbedrijf')"

// Initiatives lists the initiatives of a wijk with their phase, by name.
func (s *Store) Initiatives(ctx context.Context, wijkID string) ([]Initiative, error) {
	rows, err := s.query(ctx, "SELECT "+initiativeCols+" FROM organisations WHERE wijk_id = ?"+initiativeWhere+" ORDER BY name", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: list initiatives: %w", err)
	}
	defer rows.Close()
	var out []Initiative
	for rows.Next() {
		in, err := scanInitiative(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list initiatives: %w", err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// Initiative returns one initiative with its phase; organisations that are
// no initiative are not found.
func (s *Store) Initiative(ctx context.Context, id string) (Initiative, error) {
	in, err := scanInitiative(s.queryRow(ctx, "SELECT "+initiativeCols+" FROM organisations WHERE id = ?"+initiativeWhere, id))
	return in, notFound(err, "store: initiative %s: %w", id)
}

// startInitiative records the first phase (informatiefase) and form of a
// new initiative, on the day it was made.
func startInitiative(ctx context.Context, tx *Tx, o *wijk.Organisation, byUserID string) error {
	on := proces.Day(o.CreatedAt)
	if o.CreatedAt.IsZero() {
		on = proces.Day(tx.s.now())
	}
	ev := proces.PhaseEvent{ID: wei.NewID(), WijkID: o.WijkID, InitiativeID: o.ID, Seq: 1, On: on, To: proces.PhaseInformatie, ByUserID: byUserID}
	if err := insertPhaseEvent(ctx, tx, &ev); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE organisations SET phase = ?, phase_seq = 1, phase_since = ? WHERE id = ?", string(ev.To), dateStr(on), o.ID); err != nil {
		return fmt.Errorf("store: start initiative: %w", err)
	}
	return insertFormEvent(ctx, tx, &proces.FormEvent{InitiativeID: o.ID, On: on, To: o.Form, ByUserID: byUserID})
}

func insertPhaseEvent(ctx context.Context, tx *Tx, ev *proces.PhaseEvent) error {
	if ev.ID == "" {
		ev.ID = wei.NewID()
	}
	ev.RecordedAt = tx.s.now().UTC()
	_, err := tx.exec(ctx, `INSERT INTO phase_events (id, wijk_id, initiative_id, seq, on_date, from_phase, to_phase, reason, override, by_user, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ev.ID, ev.WijkID, ev.InitiativeID, ev.Seq, dateStr(ev.On), string(ev.From), string(ev.To),
		ev.Reason, ev.Override, ev.ByUserID, ms(ev.RecordedAt))
	if err != nil {
		err = mapErr(fmt.Errorf("store: phase event: %w", err))
		if wei.ErrorCode(err) == wei.ECONFLICT {
			return errPhaseConflict
		}
		return err
	}
	return nil
}

var errPhaseConflict = &wei.Error{Code: wei.ECONFLICT, Message: "The phase of this initiative was changed by someone else at the same moment. Look at the new situation and try again.",
	Fields: map[string]string{"to": "error.phase_conflict"}}

// MovePhase changes the phase of an initiative by the rules of the
// WEI-model (proces.CheckMove) and records the event. Of two concurrent
// changes from the same state exactly one wins; the other gets ECONFLICT.
func (s *Store) MovePhase(ctx context.Context, m proces.Move) (proces.PhaseEvent, error) {
	var ev proces.PhaseEvent
	err := s.inTx(ctx, func(tx *Tx) error {
		var in Initiative
		var err error
		in, err = scanInitiative(tx.queryRow(ctx, "SELECT "+initiativeCols+" FROM organisations WHERE id = ?"+initiativeWhere, m.InitiativeID))
		if err != nil {
			return notFound(err, "store: move phase %s: %w", m.InitiativeID)
		}
		crit, err := criteria(ctx, tx.query, in.WijkID)
		if err != nil {
			return err
		}
		checks, err := checksOf(ctx, tx.query, in.ID)
		if err != nil {
			return err
		}
		st := proces.State{Phase: in.Phase, Seq: in.PhaseSeq, Since: in.PhaseSince, CreatedOn: in.CreatedAt}
		if err := proces.CheckMove(st, &m, crit, checks, s.now()); err != nil {
			return err
		}
		ev = proces.PhaseEvent{WijkID: in.WijkID, InitiativeID: in.ID, Seq: in.PhaseSeq + 1, On: m.On, From: in.Phase, To: m.To,
			Reason: m.Reason, Override: m.Override, ByUserID: m.ByUserID}
		if err := insertPhaseEvent(ctx, tx, &ev); err != nil {
			return err
		}
		res, err := tx.exec(ctx, "UPDATE organisations SET phase = ?, phase_seq = ?, phase_since = ? WHERE id = ? AND phase_seq = ?",
			string(ev.To), ev.Seq, dateStr(ev.On), in.ID, in.PhaseSeq)
		if err != nil {
			return fmt.Errorf("store: move phase: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errPhaseConflict
		}
		return nil
	})
	return ev, err
}

const phaseEventCols = "id, wijk_id, initiative_id, seq, on_date, from_phase, to_phase, reason, override, by_user, recorded_at"

func scanPhaseEvent(sc interface{ Scan(...any) error }) (proces.PhaseEvent, error) {
	var ev proces.PhaseEvent
	var on, from, to string
	var rec int64
	err := sc.Scan(&ev.ID, &ev.WijkID, &ev.InitiativeID, &ev.Seq, &on, &from, &to, &ev.Reason, &ev.Override, &ev.ByUserID, &rec)
	ev.On, ev.From, ev.To, ev.RecordedAt = parseDate(on), proces.Phase(from), proces.Phase(to), fromMS(rec)
	return ev, err
}

// PhaseEvents lists the phase log of an initiative, oldest first.
func (s *Store) PhaseEvents(ctx context.Context, initiativeID string) ([]proces.PhaseEvent, error) {
	return s.phaseEvents(ctx, "SELECT "+phaseEventCols+" FROM phase_events WHERE initiative_id = ? ORDER BY seq", initiativeID)
}

// PhaseEventsOfWijk lists the phase events of a wijk dated on or before
// upTo (zero: all), by date and sequence.
func (s *Store) PhaseEventsOfWijk(ctx context.Context, wijkID string, upTo time.Time) ([]proces.PhaseEvent, error) {
	upTo = lastDayIfZero(upTo)
	return s.phaseEvents(ctx, "SELECT "+phaseEventCols+" FROM phase_events WHERE wijk_id = ? AND on_date <= ? ORDER BY on_date, initiative_id, seq", wijkID, dateStr(upTo))
}

func (s *Store) phaseEvents(ctx context.Context, q string, args ...any) ([]proces.PhaseEvent, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: phase events: %w", err)
	}
	defer rows.Close()
	var out []proces.PhaseEvent
	for rows.Next() {
		ev, err := scanPhaseEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("store: phase events: %w", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

const peopleEventCols = "id, wijk_id, person_id, initiative_id, membership_id, from_membership_id, kind, role, phase, on_date, reason, by_user"

// PeopleEventsOfWijk lists the flow events of a wijk dated on or before
// upTo (zero: all), by date.
func (s *Store) PeopleEventsOfWijk(ctx context.Context, wijkID string, upTo time.Time) ([]proces.PeopleEvent, error) {
	upTo = lastDayIfZero(upTo)
	return s.peopleEvents(ctx, "SELECT "+peopleEventCols+" FROM people_events WHERE wijk_id = ? AND on_date <= ? ORDER BY on_date, id", wijkID, dateStr(upTo))
}

// PeopleEventsOfPerson lists one person's steps, oldest first.
func (s *Store) PeopleEventsOfPerson(ctx context.Context, personID string) ([]proces.PeopleEvent, error) {
	return s.peopleEvents(ctx, "SELECT "+peopleEventCols+" FROM people_events WHERE person_id = ? ORDER BY on_date, id", personID)
}

// PeopleEventsOfInitiative lists the steps into, through and out of one initiative.
func (s *Store) PeopleEventsOfInitiative(ctx context.Context, initiativeID string) ([]proces.PeopleEvent, error) {
	return s.peopleEvents(ctx, "SELECT "+peopleEventCols+" FROM people_events WHERE initiative_id = ? ORDER BY on_date, id", initiativeID)
}

func (s *Store) peopleEvents(ctx context.Context, q string, args ...any) ([]proces.PeopleEvent, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: people events: %w", err)
	}
	defer rows.Close()
	var out []proces.PeopleEvent
	for rows.Next() {
		var ev proces.PeopleEvent
		var kind, role, phase, on string
		if err := rows.Scan(&ev.ID, &ev.WijkID, &ev.PersonID, &ev.InitiativeID, &ev.MembershipID, &ev.FromMembershipID, &kind, &role, &phase, &on, &ev.Reason, &ev.ByUserID); err != nil {
			return nil, fmt.Errorf("store: people events: %w", err)
		}
		ev.Kind, ev.Role, ev.Phase, ev.On = proces.FlowKind(kind), wijk.MemberRole(role), proces.Phase(phase), parseDate(on)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// FlowInput loads everything the flow figures of a wijk up to a day need.
func (s *Store) FlowInput(ctx context.Context, wijkID string, upTo time.Time, stuckAfterDays int) (proces.FlowInput, error) {
	pe, err := s.PhaseEventsOfWijk(ctx, wijkID, upTo)
	if err != nil {
		return proces.FlowInput{}, err
	}
	fe, err := s.PeopleEventsOfWijk(ctx, wijkID, upTo)
	if err != nil {
		return proces.FlowInput{}, err
	}
	return proces.FlowInput{PhaseEvents: pe, PeopleEvents: fe, StuckAfterDays: stuckAfterDays}, nil
}

func insertFormEvent(ctx context.Context, tx *Tx, fe *proces.FormEvent) error {
	if fe.ID == "" {
		fe.ID = wei.NewID()
	}
	_, err := tx.exec(ctx, "INSERT INTO form_events (id, initiative_id, on_date, from_form, to_form, note, by_user, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		fe.ID, fe.InitiativeID, dateStr(fe.On), string(fe.From), string(fe.To), strings.TrimSpace(fe.Note), fe.ByUserID, ms(tx.s.now()))
	if err != nil {
		return mapErr(fmt.Errorf("store: form event: %w", err))
	}
	return nil
}

// ChangeForm records that an initiative took another organisation form on
// a day: a burgerinitiatief becomes zelfstandig, or a buurtbedrijf.
func (s *Store) ChangeForm(ctx context.Context, initiativeID string, to wijk.Form, on time.Time, note, byUserID string) error {
	if !to.IsInitiative() {
		return &wei.Error{Code: wei.EINVALID, Message: "An initiative keeps an initiative form.", Fields: map[string]string{"form": "error.choice"}}
	}
	on = proces.Day(on)
	return s.inTx(ctx, func(tx *Tx) error {
		var from string
		var created int64
		if err := tx.queryRow(ctx, "SELECT form, created_at FROM organisations WHERE id = ?"+initiativeWhere, initiativeID).Scan(&from, &created); err != nil {
			return notFound(err, "store: change form %s: %w", initiativeID)
		}
		f := wei.FieldErrors{}
		if wijk.Form(from) == to {
			f.Add("form", "error.form_same")
		}
		if on.After(proces.Day(s.now())) {
			f.Add("on", "error.date_future")
		} else if on.Before(proces.Day(fromMS(created))) {
			f.Add("on", "error.date_before_start")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, "UPDATE organisations SET form = ? WHERE id = ?", string(to), initiativeID); err != nil {
			return fmt.Errorf("store: change form: %w", err)
		}
		return insertFormEvent(ctx, tx, &proces.FormEvent{InitiativeID: initiativeID, On: on, From: wijk.Form(from), To: to, Note: note, ByUserID: byUserID})
	})
}

// FormEvents lists the form history of an initiative, oldest first.
func (s *Store) FormEvents(ctx context.Context, initiativeID string) ([]proces.FormEvent, error) {
	rows, err := s.query(ctx, "SELECT id, initiative_id, on_date, from_form, to_form, note, by_user FROM form_events WHERE initiative_id = ? ORDER BY on_date, recorded_at, id", initiativeID)
	if err != nil {
		return nil, fmt.Errorf("store: form events: %w", err)
	}
	defer rows.Close()
	var out []proces.FormEvent
	for rows.Next() {
		var fe proces.FormEvent
		var on, from, to string
		if err := rows.Scan(&fe.ID, &fe.InitiativeID, &on, &from, &to, &fe.Note, &fe.ByUserID); err != nil {
			return nil, fmt.Errorf("store: form events: %w", err)
		}
		fe.On, fe.From, fe.To = parseDate(on), wijk.Form(from), wijk.Form(to)
		out = append(out, fe)
	}
	return out, rows.Err()
}
