package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

// checkPeopleInWijk refuses person IDs that are not residents of the wijk.
func checkPeopleInWijk(ctx context.Context, tx *Tx, wijkID string, ids []string) error {
	for _, id := range ids {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM people WHERE id = ? AND wijk_id = ? AND erased_at = 0", id, wijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: check people: %w", err)
		}
		if n == 0 {
			return &wei.Error{Code: wei.EINVALID, Message: "Someone in the list is not a resident of this wijk.", Fields: map[string]string{"participants": "error.choice"}}
		}
	}
	return nil
}

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// AddReflection records an Action Learning reflection moment of an initiative.
func (s *Store) AddReflection(ctx context.Context, r *proces.Reflection) error {
	if err := r.Validate(s.now()); err != nil {
		return err
	}
	r.ID, r.On, r.Participants = wei.NewID(), proces.Day(r.On), dedupe(r.Participants)
	return s.inTx(ctx, func(tx *Tx) error {
		var wijkID string
		var created int64
		if err := tx.queryRow(ctx, "SELECT wijk_id, created_at FROM organisations WHERE id = ?"+initiativeWhere, r.InitiativeID).Scan(&wijkID, &created); err != nil {
			return notFound(err, "store: add reflection %s: %w", r.InitiativeID)
		}
		if r.On.Before(proces.Day(fromMS(created))) {
			return &wei.Error{Code: wei.EINVALID, Message: "The date is before the initiative started.", Fields: map[string]string{"on": "error.date_before_start"}}
		}
		if err := checkPeopleInWijk(ctx, tx, wijkID, r.Participants); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO reflections (id, initiative_id, on_date, went_well, learned, next_action, by_user, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.InitiativeID, dateStr(r.On), r.WentWell, r.Learned, r.NextAction, r.ByUserID, ms(s.now())); err != nil {
			return mapErr(fmt.Errorf("store: add reflection: %w", err))
		}
		for _, p := range r.Participants {
			if _, err := tx.exec(ctx, "INSERT INTO reflection_participants (reflection_id, person_id) VALUES (?, ?)", r.ID, p); err != nil {
				return mapErr(fmt.Errorf("store: add reflection: %w", err))
			}
		}
		return nil
	})
}

// Reflections lists the reflection moments of an initiative, newest first.
func (s *Store) Reflections(ctx context.Context, initiativeID string) ([]proces.Reflection, error) {
	return s.reflections(ctx, "WHERE r.initiative_id = ?", initiativeID)
}

// ReflectionsOfPerson lists the reflection moments a person took part in.
func (s *Store) ReflectionsOfPerson(ctx context.Context, personID string) ([]proces.Reflection, error) {
	return s.reflections(ctx, "WHERE r.id IN (SELECT reflection_id FROM reflection_participants WHERE person_id = ?)", personID)
}

func (s *Store) reflections(ctx context.Context, where string, args ...any) ([]proces.Reflection, error) {
	rows, err := s.query(ctx, "SELECT r.id, r.initiative_id, r.on_date, r.went_well, r.learned, r.next_action, r.by_user FROM reflections r "+where+" ORDER BY r.on_date DESC, r.id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("store: reflections: %w", err)
	}
	var out []proces.Reflection
	for rows.Next() {
		var r proces.Reflection
		var on string
		if err := rows.Scan(&r.ID, &r.InitiativeID, &on, &r.WentWell, &r.Learned, &r.NextAction, &r.ByUserID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: reflections: %w", err)
		}
		r.On = parseDate(on)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Participants, err = s.ids(ctx, "SELECT person_id FROM reflection_participants WHERE reflection_id = ? ORDER BY person_id", out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) ids(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: ids: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// AddSession records a training or coaching session with its attendance.
func (s *Store) AddSession(ctx context.Context, se *proces.Session) error {
	if err := se.Validate(s.now()); err != nil {
		return err
	}
	se.ID, se.On, se.Attendees = wei.NewID(), proces.Day(se.On), dedupe(se.Attendees)
	return s.inTx(ctx, func(tx *Tx) error {
		if se.InitiativeID != "" {
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM organisations WHERE id = ? AND wijk_id = ?"+initiativeWhere, se.InitiativeID, se.WijkID).Scan(&n); err != nil {
				return fmt.Errorf("store: add session: %w", err)
			}
			if n == 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "The initiative is not part of this wijk.", Fields: map[string]string{"initiative_id": "error.choice"}}
			}
		}
		if err := checkPeopleInWijk(ctx, tx, se.WijkID, se.Attendees); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO learning_sessions (id, wijk_id, initiative_id, kind, title, on_date, skills, by_user, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, se.ID, se.WijkID, nullStr(se.InitiativeID), string(se.Kind), se.Title, dateStr(se.On),
			strings.Join(se.Skills, "\n"), se.ByUserID, ms(s.now())); err != nil {
			return mapErr(fmt.Errorf("store: add session: %w", err))
		}
		for _, p := range se.Attendees {
			if _, err := tx.exec(ctx, "INSERT INTO session_attendees (session_id, person_id) VALUES (?, ?)", se.ID, p); err != nil {
				return mapErr(fmt.Errorf("store: add session: %w", err))
			}
		}
		return nil
	})
}

// Sessions lists the trainings and coaching sessions of a wijk, newest first.
func (s *Store) Sessions(ctx context.Context, wijkID string) ([]proces.Session, error) {
	return s.sessions(ctx, "WHERE l.wijk_id = ?", wijkID)
}

// SessionsOfInitiative lists the sessions held for one initiative.
func (s *Store) SessionsOfInitiative(ctx context.Context, initiativeID string) ([]proces.Session, error) {
	return s.sessions(ctx, "WHERE l.initiative_id = ?", initiativeID)
}

// SessionsOfPerson lists the sessions a person attended.
func (s *Store) SessionsOfPerson(ctx context.Context, personID string) ([]proces.Session, error) {
	return s.sessions(ctx, "WHERE l.id IN (SELECT session_id FROM session_attendees WHERE person_id = ?)", personID)
}

func (s *Store) sessions(ctx context.Context, where string, args ...any) ([]proces.Session, error) {
	rows, err := s.query(ctx, "SELECT l.id, l.wijk_id, COALESCE(l.initiative_id, ''), l.kind, l.title, l.on_date, l.skills, l.by_user FROM learning_sessions l "+where+" ORDER BY l.on_date DESC, l.id DESC", args...)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	var out []proces.Session
	for rows.Next() {
		var se proces.Session
		var kind, on, skills string
		if err := rows.Scan(&se.ID, &se.WijkID, &se.InitiativeID, &kind, &se.Title, &on, &skills, &se.ByUserID); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		se.Kind, se.On = proces.SessionKind(kind), parseDate(on)
		if skills != "" {
			se.Skills = strings.Split(skills, "\n")
		}
		out = append(out, se)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Attendees, err = s.ids(ctx, "SELECT person_id FROM session_attendees WHERE session_id = ? ORDER BY person_id", out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
