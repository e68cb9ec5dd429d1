package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// Retention: per category of personal data a period in days, per wijk,
// after which the retention job deletes that data. Aggregates stay.

// Retention returns the wijk's retention periods in days, the defaults
// for the categories it did not set.
func (s *Store) Retention(ctx context.Context, wijkID string) (map[string]int, error) {
	out := map[string]int{}
	for c, d := range signaal.DefaultRetention {
		out[c] = d
	}
	rows, err := s.query(ctx, "SELECT category, days FROM signal_retention WHERE wijk_id = ?", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: retention: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		var d int
		if err := rows.Scan(&c, &d); err != nil {
			return nil, fmt.Errorf("store: retention: %w", err)
		}
		if _, ok := out[c]; ok {
			out[c] = d
		}
	}
	return out, rows.Err()
}

// SetRetention stores the wijk's retention periods (every category), with
// an audit entry of who changed them.
func (s *Store) SetRetention(ctx context.Context, wijkID string, days map[string]int, byUserID, requestID string) error {
	if err := signaal.ValidateRetention(days); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM signal_retention WHERE wijk_id = ?", wijkID); err != nil {
			return fmt.Errorf("store: set retention: %w", err)
		}
		detail := ""
		for _, c := range signaal.RetentionCategories {
			if _, err := tx.exec(ctx, "INSERT INTO signal_retention (wijk_id, category, days) VALUES (?, ?, ?)", wijkID, c, days[c]); err != nil {
				return mapErr(fmt.Errorf("store: set retention: %w", err))
			}
			detail += fmt.Sprintf("%s=%d ", c, days[c])
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionUpdate, SubjectType: "retention",
			SubjectID: wijkID, Detail: detail[:len(detail)-1], RequestID: requestID})
	})
}

// ApplyRetention deletes, in every wijk, the personal data whose period
// has passed at now: the free text and the resident link and address of
// house visits (counted from the visit date), and the note and the
// reporter, contact, address and point of signals (counted from the day
// they were solved or rejected; open signals keep theirs). Each record it
// changes gets an audit entry by the system; a signal also an event. Each
// wijk is one transaction. Running it again changes nothing.
func (s *Store) ApplyRetention(ctx context.Context, now time.Time) (signaal.RetentionReport, error) {
	var total signaal.RetentionReport
	wijken, err := s.Wijken(ctx)
	if err != nil {
		return total, err
	}
	for _, w := range wijken {
		days, err := s.Retention(ctx, w.ID)
		if err != nil {
			return total, err
		}
		err = s.inTx(ctx, func(tx *Tx) error {
			rep, err := applyRetention(ctx, tx, w.ID, days, now)
			total.VisitNotes += rep.VisitNotes
			total.VisitPeople += rep.VisitPeople
			total.SignalNotes += rep.SignalNotes
			total.SignalReporter += rep.SignalReporter
			return err
		})
		if err != nil {
			return total, fmt.Errorf("store: retention of wijk %s: %w", w.Slug, err)
		}
	}
	return total, nil
}

func applyRetention(ctx context.Context, tx *Tx, wijkID string, days map[string]int, now time.Time) (signaal.RetentionReport, error) {
	var rep signaal.RetentionReport
	stamp := ms(now)
	// ids runs a query for the IDs to clear.
	ids := func(q string, args ...any) ([]string, error) {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return nil, err
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
	erased := func(subjectType, id, detail string) error {
		return audit(ctx, tx, privacy.AuditEntry{At: now, WijkID: wijkID, Action: privacy.ActionErase, SubjectType: subjectType, SubjectID: id,
			Detail: "retention: " + detail})
	}

	// Visits: the cutoff is a date; a visit on the cutoff day is kept.
	cut := dateStr(signaal.RetentionCutoff(now, days[signaal.RetainVisitNotes]))
	list, err := ids("SELECT id FROM visits WHERE wijk_id = ? AND notes_erased_at = 0 AND visited_on < ?", wijkID, cut)
	if err != nil {
		return rep, err
	}
	for _, id := range list {
		if _, err := tx.exec(ctx, "UPDATE visits SET note = '', ideas = '', help_with = '', notes_erased_at = ? WHERE id = ?", stamp, id); err != nil {
			return rep, err
		}
		if err := erased("visit", id, signaal.RetainVisitNotes); err != nil {
			return rep, err
		}
		rep.VisitNotes++
	}
	cut = dateStr(signaal.RetentionCutoff(now, days[signaal.RetainVisitPerson]))
	list, err = ids("SELECT id FROM visits WHERE wijk_id = ? AND personal_erased_at = 0 AND visited_on < ?", wijkID, cut)
	if err != nil {
		return rep, err
	}
	for _, id := range list {
		if _, err := tx.exec(ctx, "UPDATE visits SET person_id = NULL, postcode = '', house_number = 0, personal_erased_at = ? WHERE id = ?", stamp, id); err != nil {
			return rep, err
		}
		if err := erased("visit", id, signaal.RetainVisitPerson); err != nil {
			return rep, err
		}
		rep.VisitPeople++
	}

	// Signals, counted from when they were closed.
	cutMS := ms(signaal.RetentionCutoff(now, days[signaal.RetainSignalNotes]))
	list, err = ids("SELECT id FROM signals WHERE wijk_id = ? AND solved_at > 0 AND solved_at < ? AND note <> ''", wijkID, cutMS)
	if err != nil {
		return rep, err
	}
	for _, id := range list {
		if _, err := tx.exec(ctx, "UPDATE signals SET note = '', notes_erased_at = ? WHERE id = ?", stamp, id); err != nil {
			return rep, err
		}
		if err := signalEvent(ctx, tx, signaal.Event{SignalID: id, At: now, Kind: signaal.EventRetained, Detail: signaal.RetainSignalNotes}); err != nil {
			return rep, err
		}
		if err := erased("signal", id, signaal.RetainSignalNotes); err != nil {
			return rep, err
		}
		rep.SignalNotes++
	}
	cutMS = ms(signaal.RetentionCutoff(now, days[signaal.RetainSignalReporter]))
	list, err = ids(`SELECT id FROM signals WHERE wijk_id = ? AND solved_at > 0 AND solved_at < ? AND personal_erased_at = 0
		AND (person_id IS NOT NULL OR reporter_user_id IS NOT NULL OR reporter_contact <> '' OR postcode <> '' OR lon_e6 IS NOT NULL)`, wijkID, cutMS)
	if err != nil {
		return rep, err
	}
	for _, id := range list {
		if _, err := tx.exec(ctx, `UPDATE signals SET person_id = NULL, reporter_user_id = NULL, reporter_contact = '', postcode = '', house_number = 0,
			lon_e6 = NULL, lat_e6 = NULL, personal_erased_at = ? WHERE id = ?`, stamp, id); err != nil {
			return rep, err
		}
		if err := signalEvent(ctx, tx, signaal.Event{SignalID: id, At: now, Kind: signaal.EventRetained, Detail: signaal.RetainSignalReporter}); err != nil {
			return rep, err
		}
		if err := erased("signal", id, signaal.RetainSignalReporter); err != nil {
			return rep, err
		}
		rep.SignalReporter++
	}
	return rep, nil
}

// RunRetention is ApplyRetention in the shape of a background job (see
// internal/cli/jobs.go): it logs what it deleted and returns only the error.
func (s *Store) RunRetention(ctx context.Context, now time.Time) error {
	rep, err := s.ApplyRetention(ctx, now)
	if rep.Total() > 0 {
		s.log.Info("retention deleted personal data", slog.Int("visit_notes", rep.VisitNotes), slog.Int("visit_people", rep.VisitPeople),
			slog.Int("signal_notes", rep.SignalNotes), slog.Int("signal_reporters", rep.SignalReporter))
	}
	return err
}
