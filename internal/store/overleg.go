package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// Leefomgevingsoverleg: series, their subscribers and iCal feed links.
// Meetings, agenda and decisions are in overleg_meeting.go, action items in
// overleg_action.go, the periodic report in overleg_report.go.

const seriesCols = "id, wijk_id, name, chair_user_id, cadence, report_every, stale_weeks, feed_token_hash, created_by, created_at"

func scanSeries(sc interface{ Scan(...any) error }) (overleg.Series, error) {
	var s overleg.Series
	var cadence, every, feed string
	var created int64
	err := sc.Scan(&s.ID, &s.WijkID, &s.Name, &s.ChairUserID, &cadence, &every, &s.StaleWeeks, &feed, &s.CreatedBy, &created)
	s.Cadence, s.ReportEvery, s.HasFeed, s.CreatedAt = overleg.Cadence(cadence), overleg.Frequency(every), feed != "", fromMS(created)
	return s, err
}

// isChair checks inside tx that a user holds the voorzitter role in the wijk.
func isChair(ctx context.Context, tx *Tx, wijkID, userID string) error {
	var n int
	err := tx.queryRow(ctx, "SELECT count(*) FROM grants g JOIN users u ON u.id = g.user_id WHERE g.wijk_id = ? AND g.user_id = ? AND g.role = ? AND u.erased_at = 0",
		wijkID, userID, string(account.RoleVoorzitter)).Scan(&n)
	if err != nil {
		return fmt.Errorf("store: check chair: %w", err)
	}
	if n == 0 {
		return &wei.Error{Code: wei.EINVALID, Message: "The chair must have the voorzitter role in this wijk.", Fields: map[string]string{"chair_user_id": "overleg.error.chair"}}
	}
	return nil
}

// validSeries checks a series and, in the same answer, its chair, so that
// a form shows every problem at once.
func (s *Store) validSeries(ctx context.Context, sr *overleg.Series) error {
	sr.Normalize()
	err := sr.Validate()
	if sr.ChairUserID == "" || sr.WijkID == "" {
		return err
	}
	var n int
	if qerr := s.queryRow(ctx, "SELECT count(*) FROM grants g JOIN users u ON u.id = g.user_id WHERE g.wijk_id = ? AND g.user_id = ? AND g.role = ? AND u.erased_at = 0",
		sr.WijkID, sr.ChairUserID, string(account.RoleVoorzitter)).Scan(&n); qerr != nil {
		return fmt.Errorf("store: check chair: %w", qerr)
	}
	if n > 0 {
		return err
	}
	var e *wei.Error
	if !errors.As(err, &e) {
		e = &wei.Error{Code: wei.EINVALID, Message: "The chair must have the voorzitter role in this wijk.", Fields: map[string]string{}}
	}
	e.Fields["chair_user_id"] = "overleg.error.chair"
	return e
}

// CreateSeries adds a series. Its chair must hold the voorzitter role in
// the wijk; the name is unique in the wijk.
func (s *Store) CreateSeries(ctx context.Context, sr *overleg.Series) error {
	if err := s.validSeries(ctx, sr); err != nil {
		return err
	}
	sr.ID, sr.CreatedAt, sr.HasFeed = wei.NewID(), s.now().UTC(), false
	return s.inTx(ctx, func(tx *Tx) error {
		if err := isChair(ctx, tx, sr.WijkID, sr.ChairUserID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "INSERT INTO overleg_series ("+seriesCols+") VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
			sr.ID, sr.WijkID, sr.Name, sr.ChairUserID, string(sr.Cadence), string(sr.ReportEvery), sr.StaleWeeks, sr.CreatedBy, ms(sr.CreatedAt))
		if err = mapErr(err); wei.ErrorCode(err) == wei.ECONFLICT {
			return &wei.Error{Code: wei.ECONFLICT, Message: "The wijk already has a series with this name.", Fields: map[string]string{"name": "error.taken"}}
		} else if err != nil {
			return fmt.Errorf("store: create series: %w", err)
		}
		return nil
	})
}

// UpdateSeries changes a series' name, chair, cadence, report frequency
// and stale weeks.
func (s *Store) UpdateSeries(ctx context.Context, sr *overleg.Series) error {
	if err := s.validSeries(ctx, sr); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if err := isChair(ctx, tx, sr.WijkID, sr.ChairUserID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, "UPDATE overleg_series SET name = ?, chair_user_id = ?, cadence = ?, report_every = ?, stale_weeks = ? WHERE id = ? AND wijk_id = ?",
			sr.Name, sr.ChairUserID, string(sr.Cadence), string(sr.ReportEvery), sr.StaleWeeks, sr.ID, sr.WijkID)
		if err = mapErr(err); wei.ErrorCode(err) == wei.ECONFLICT {
			return &wei.Error{Code: wei.ECONFLICT, Message: "The wijk already has a series with this name.", Fields: map[string]string{"name": "error.taken"}}
		} else if err != nil {
			return fmt.Errorf("store: update series: %w", err)
		}
		return mustAffect(res)
	})
}

// Series returns one series.
func (s *Store) Series(ctx context.Context, id string) (overleg.Series, error) {
	sr, err := scanSeries(s.queryRow(ctx, "SELECT "+seriesCols+" FROM overleg_series WHERE id = ?", id))
	return sr, notFound(err, "store: series %s: %w", id)
}

// SeriesOfWijk lists the series of a wijk by name.
func (s *Store) SeriesOfWijk(ctx context.Context, wijkID string) ([]overleg.Series, error) {
	return s.seriesRows(ctx, "SELECT "+seriesCols+" FROM overleg_series WHERE wijk_id = ? ORDER BY name, id", wijkID)
}

// AllSeries lists every series of every wijk, for the report job.
func (s *Store) AllSeries(ctx context.Context) ([]overleg.Series, error) {
	return s.seriesRows(ctx, "SELECT "+seriesCols+" FROM overleg_series ORDER BY wijk_id, name, id")
}

func (s *Store) seriesRows(ctx context.Context, q string, args ...any) ([]overleg.Series, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	var out []overleg.Series
	for rows.Next() {
		sr, err := scanSeries(rows)
		if err != nil {
			return nil, fmt.Errorf("store: series: %w", err)
		}
		out = append(out, sr)
	}
	return out, rows.Err()
}

// Chairs lists the users who may chair a series in the wijk: those with
// the voorzitter role.
func (s *Store) Chairs(ctx context.Context, wijkID string) ([]account.User, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT u.id, u.display_name FROM grants g JOIN users u ON u.id = g.user_id
		WHERE g.wijk_id = ? AND g.role = ? AND u.erased_at = 0 ORDER BY u.display_name, u.id`, wijkID, string(account.RoleVoorzitter))
	if err != nil {
		return nil, fmt.Errorf("store: chairs: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		var u account.User
		if err := rows.Scan(&u.ID, &u.DisplayName); err != nil {
			return nil, fmt.Errorf("store: chairs: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// NewFeedToken makes a new secret for the series' iCal feed and returns
// it; the link with the old one stops working. Only its hash is stored,
// so the link can be shown once: calendar apps cannot log in, and whoever
// has the link sees the dates and places of the meetings.
func (s *Store) NewFeedToken(ctx context.Context, wijkID, seriesID string) (string, error) {
	tok := wei.RandomToken(24)
	err := s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE overleg_series SET feed_token_hash = ? WHERE id = ? AND wijk_id = ?", hashToken(tok), seriesID, wijkID)
		if err != nil {
			return fmt.Errorf("store: feed token: %w", err)
		}
		return mustAffect(res)
	})
	if err != nil {
		return "", err
	}
	return tok, nil
}

// SeriesByFeedToken returns the series if token is its feed secret, and
// ErrNotFound otherwise (also for a series without a feed).
func (s *Store) SeriesByFeedToken(ctx context.Context, seriesID, token string) (overleg.Series, error) {
	var stored string
	err := s.queryRow(ctx, "SELECT feed_token_hash FROM overleg_series WHERE id = ?", seriesID).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (stored == "" || token == "" || subtle.ConstantTimeCompare([]byte(stored), []byte(hashToken(token))) != 1)) {
		return overleg.Series{}, wei.ErrNotFound
	} else if err != nil {
		return overleg.Series{}, fmt.Errorf("store: feed of series %s: %w", seriesID, err)
	}
	return s.Series(ctx, seriesID)
}

// Subscribers lists the e-mail addresses that get the series' report.
func (s *Store) Subscribers(ctx context.Context, seriesID string) ([]string, error) {
	rows, err := s.query(ctx, "SELECT email FROM overleg_subscribers WHERE series_id = ? ORDER BY email", seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: subscribers: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, fmt.Errorf("store: subscribers: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MaxSubscribers bounds the report's mailing list of one series.
const MaxSubscribers = 200

// AddSubscriber adds an e-mail address to the series' report, with an
// audit entry (the address is personal data; the entry holds no address).
func (s *Store) AddSubscriber(ctx context.Context, wijkID, seriesID, email, byUserID, requestID string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if !wijk.ValidEmail(email) {
		return &wei.Error{Code: wei.EINVALID, Message: "Not an e-mail address.", Fields: map[string]string{"email": "error.email"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM overleg_subscribers sb JOIN overleg_series sr ON sr.id = sb.series_id WHERE sr.id = ? AND sr.wijk_id = ?", seriesID, wijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: add subscriber: %w", err)
		}
		if n >= MaxSubscribers {
			return &wei.Error{Code: wei.EINVALID, Message: "The list is full.", Fields: map[string]string{"email": "overleg.error.subscribers_full"}}
		}
		if err := seriesInWijk(ctx, tx, wijkID, seriesID); err != nil {
			return err
		}
		_, err := tx.exec(ctx, "INSERT INTO overleg_subscribers (series_id, email, created_by, created_at) VALUES (?, ?, ?, ?)", seriesID, email, byUserID, ms(s.now()))
		if err = mapErr(err); wei.ErrorCode(err) == wei.ECONFLICT {
			return &wei.Error{Code: wei.ECONFLICT, Message: "This address gets the report already.", Fields: map[string]string{"email": "overleg.error.subscribed"}}
		} else if err != nil {
			return fmt.Errorf("store: add subscriber: %w", err)
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionCreate, SubjectType: "overleg_subscriber", SubjectID: seriesID, RequestID: requestID})
	})
}

// RemoveSubscriber takes an address off the series' report.
func (s *Store) RemoveSubscriber(ctx context.Context, wijkID, seriesID, email, byUserID, requestID string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	return s.inTx(ctx, func(tx *Tx) error {
		if err := seriesInWijk(ctx, tx, wijkID, seriesID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, "DELETE FROM overleg_subscribers WHERE series_id = ? AND email = ?", seriesID, email)
		if err != nil {
			return fmt.Errorf("store: remove subscriber: %w", err)
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionErase, SubjectType: "overleg_subscriber", SubjectID: seriesID, RequestID: requestID})
	})
}

// seriesInWijk checks inside tx that the series belongs to the wijk.
func seriesInWijk(ctx context.Context, tx *Tx, wijkID, seriesID string) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM overleg_series WHERE id = ? AND wijk_id = ?", seriesID, wijkID).Scan(&n); err != nil {
		return fmt.Errorf("store: series %s: %w", seriesID, err)
	}
	if n == 0 {
		return fmt.Errorf("store: series %s: %w", seriesID, wei.ErrNotFound)
	}
	return nil
}
