package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei/privacy"
)

// exportSignals adds to x the signals a user reported and the signals and
// house visits about the user's resident records, with the personal data
// WEI keeps of them (AVG art. 15).
func (s *Store) exportSignals(ctx context.Context, x *privacy.Export, userID string, personIDs []string, wijkName func(string) string) error {
	who := "reporter_user_id = ?"
	args := []any{userID}
	for _, id := range personIDs {
		who += " OR person_id = ?"
		args = append(args, id)
	}
	rows, err := s.query(ctx, `SELECT wijk_id, title, theme, status, note, postcode, house_number, reporter_contact, created_at
		FROM signals WHERE `+who+` ORDER BY created_at, id`, args...)
	if err != nil {
		return fmt.Errorf("store: export signals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e privacy.ExportSignal
		var wijkID string
		var created int64
		if err := rows.Scan(&wijkID, &e.Title, &e.Theme, &e.Status, &e.Note, &e.Postcode, &e.HouseNumber, &e.Contact, &created); err != nil {
			return fmt.Errorf("store: export signals: %w", err)
		}
		e.Wijk, e.CreatedAt = wijkName(wijkID), fromMS(created)
		x.Signals = append(x.Signals, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export signals: %w", err)
	}
	rows.Close()
	if len(personIDs) == 0 {
		return nil
	}
	who, args = "person_id = ?", []any{personIDs[0]}
	for _, id := range personIDs[1:] {
		who += " OR person_id = ?"
		args = append(args, id)
	}
	rows, err = s.query(ctx, `SELECT wijk_id, visited_on, postcode, house_number, consent_how, consent_at,
		score_safety, score_contact, score_green, score_housing, score_facilities, ideas, wants_to_help, help_with, note
		FROM visits WHERE `+who+` ORDER BY visited_on, id`, args...)
	if err != nil {
		return fmt.Errorf("store: export visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e privacy.ExportVisit
		var wijkID string
		var consentAt int64
		if err := rows.Scan(&wijkID, &e.VisitedOn, &e.Postcode, &e.HouseNumber, &e.ConsentHow, &consentAt,
			&e.Scores.Safety, &e.Scores.Contact, &e.Scores.Green, &e.Scores.Housing, &e.Scores.Facilities,
			&e.Ideas, &e.WantsToHelp, &e.HelpWith, &e.Note); err != nil {
			return fmt.Errorf("store: export visits: %w", err)
		}
		e.Wijk, e.ConsentAt = wijkName(wijkID), fromMS(consentAt)
		x.Visits = append(x.Visits, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export visits: %w", err)
	}
	return nil
}

// eraseSignalsOfPerson removes a resident's personal data from the signals
// and house visits about them (AVG art. 17), as the retention job does when
// their period ends: the link to the person, the address, the point, the
// contact details and the free-text notes. Theme, buurt, status and dates
// stay, so the counts stay right.
func eraseSignalsOfPerson(ctx context.Context, tx *Tx, personID string, now int64) error {
	if _, err := tx.exec(ctx, `UPDATE visits SET person_id = NULL, postcode = '', house_number = 0, note = '', ideas = '', help_with = '',
		personal_erased_at = ?, notes_erased_at = ? WHERE person_id = ?`, now, now, personID); err != nil {
		return fmt.Errorf("store: erase visits of %s: %w", personID, err)
	}
	if _, err := tx.exec(ctx, `UPDATE signals SET person_id = NULL, reporter_contact = '', postcode = '', house_number = 0,
		lon_e6 = NULL, lat_e6 = NULL, note = '', personal_erased_at = ?, notes_erased_at = ? WHERE person_id = ?`, now, now, personID); err != nil {
		return fmt.Errorf("store: erase signals of %s: %w", personID, err)
	}
	return nil
}

// eraseSignalsOfUser does the same for the signals a user reported as
// themselves.
func eraseSignalsOfUser(ctx context.Context, tx *Tx, userID string, now int64) error {
	if _, err := tx.exec(ctx, `UPDATE signals SET reporter_user_id = NULL, reporter_contact = '', postcode = '', house_number = 0,
		lon_e6 = NULL, lat_e6 = NULL, note = '', personal_erased_at = ?, notes_erased_at = ? WHERE reporter_user_id = ?`, now, now, userID); err != nil {
		return fmt.Errorf("store: erase signals of user %s: %w", userID, err)
	}
	return nil
}
