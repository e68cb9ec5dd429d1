package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// Signals (signalen): reported problems by theme and buurt. A signal is
// written with its first event and, when it holds personal data, an audit
// entry, in one transaction; status changes and grouping add events.

const signalCols = `id, wijk_id, buurt_id, theme, urgency, status, source, title, note, postcode, house_number,
	lon_e6, lat_e6, group_id, COALESCE(person_id, ''), COALESCE(reporter_user_id, ''), reporter_contact,
	COALESCE(visit_id, ''), COALESCE(organisation_id, ''), reject_reason, created_by, created_at, updated_at,
	solved_at, personal_erased_at`

func scanSignal(sc interface{ Scan(...any) error }) (signaal.Signal, error) {
	var s signaal.Signal
	var lon, lat sql.NullInt64
	var created, updated, solved, erased int64
	err := sc.Scan(&s.ID, &s.WijkID, &s.BuurtID, &s.Theme, &s.Urgency, &s.Status, &s.Source, &s.Title, &s.Note,
		&s.Postcode, &s.HouseNumber, &lon, &lat, &s.GroupID, &s.PersonID, &s.ReporterUserID, &s.ReporterContact,
		&s.VisitID, &s.OrganisationID, &s.RejectReason, &s.CreatedBy, &created, &updated, &solved, &erased)
	if err != nil {
		return s, err
	}
	if lon.Valid && lat.Valid {
		s.HasPoint, s.Lon, s.Lat = true, float64(lon.Int64)/1e6, float64(lat.Int64)/1e6
	}
	s.CreatedAt, s.UpdatedAt, s.SolvedAt, s.PersonalErasedAt = fromMS(created), fromMS(updated), fromMS(solved), fromMS(erased)
	return s, nil
}

// microDegrees stores a coordinate as an integer.
func microDegrees(v float64) int64 { return int64(math.Round(v * 1e6)) }

func (s *Store) signalRows(ctx context.Context, q string, args ...any) ([]signaal.Signal, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: signals: %w", err)
	}
	defer rows.Close()
	var out []signaal.Signal
	for rows.Next() {
		sg, err := scanSignal(rows)
		if err != nil {
			return nil, fmt.Errorf("store: signals: %w", err)
		}
		out = append(out, sg)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: signals: %w", err)
	}
	return out, nil
}

// SignalsBetween returns the wijk's signals created in [from, to), oldest
// first, without their personal data (note, reporter contact, address).
func (s *Store) SignalsBetween(ctx context.Context, wijkID string, from, to time.Time) ([]signaal.Signal, error) {
	return s.signalRows(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE wijk_id = ? AND created_at >= ? AND created_at < ? ORDER BY created_at, id",
		wijkID, from.UnixMilli(), to.UnixMilli())
}

// OpenSignals returns the wijk's signals that are new or in progress,
// oldest first, without their personal data.
func (s *Store) OpenSignals(ctx context.Context, wijkID string) ([]signaal.Signal, error) {
	return s.signalRows(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE wijk_id = ? AND status IN ('new', 'in_progress') ORDER BY created_at, id", wijkID)
}

// SignalCountsByBuurt counts the wijk's signals created in [from, to) per
// buurt ID. The counts are raw: whoever shows them publicly applies
// signaal.Suppress or signaal.SuppressTable.
func (s *Store) SignalCountsByBuurt(ctx context.Context, wijkID string, from, to time.Time) (map[string]int, error) {
	rows, err := s.query(ctx, "SELECT buurt_id, count(*) FROM signals WHERE wijk_id = ? AND created_at >= ? AND created_at < ? GROUP BY buurt_id",
		wijkID, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: signal counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var b string
		var n int
		if err := rows.Scan(&b, &n); err != nil {
			return nil, fmt.Errorf("store: signal counts: %w", err)
		}
		out[b] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: signal counts: %w", err)
	}
	return out, nil
}

// Signal returns one signal without its personal data (see SignalPrivate).
func (s *Store) Signal(ctx context.Context, id string) (signaal.Signal, error) {
	sg, err := scanSignal(s.queryRow(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return sg, wei.ErrNotFound
	} else if err != nil {
		return sg, fmt.Errorf("store: signal %s: %w", id, err)
	}
	return sg, nil
}

// signalPublicCols are signalCols without the personal data: the note, the
// reporter's contact and the address read as empty. Lists and the contract
// functions use them; SignalPrivate reads the rest, and audits it.
var signalPublicCols = strings.NewReplacer(
	"title, note, postcode, house_number,", "title, '', '', 0,",
	"reporter_contact,", "'',",
).Replace(signalCols)

// SignalFilter narrows a list of signals; empty fields match everything.
type SignalFilter struct {
	Theme   string
	BuurtID string
	Status  string // a status, or "open" for new and in progress
}

// Signals lists the wijk's signals that match the filter, newest first,
// without their personal data.
func (s *Store) Signals(ctx context.Context, wijkID string, f SignalFilter) ([]signaal.Signal, error) {
	q := "SELECT " + signalPublicCols + " FROM signals WHERE wijk_id = ?"
	args := []any{wijkID}
	if f.Theme != "" {
		q += " AND theme = ?"
		args = append(args, f.Theme)
	}
	if f.BuurtID != "" {
		q += " AND buurt_id = ?"
		args = append(args, f.BuurtID)
	}
	switch f.Status {
	case "":
	case "open":
		q += " AND status IN ('new', 'in_progress')"
	default:
		q += " AND status = ?"
		args = append(args, f.Status)
	}
	return s.signalRows(ctx, q+" ORDER BY created_at DESC, id DESC", args...)
}

// SignalsOfReporter lists the signals an account reported in a wijk as
// themselves, newest first: what a resident sees of their own signals.
func (s *Store) SignalsOfReporter(ctx context.Context, wijkID, userID string) ([]signaal.Signal, error) {
	return s.signalRows(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE wijk_id = ? AND reporter_user_id = ? ORDER BY created_at DESC, id DESC", wijkID, userID)
}

// SignalGroup lists the signals of a group, oldest first.
func (s *Store) SignalGroup(ctx context.Context, groupID string) ([]signaal.Signal, error) {
	if groupID == "" {
		return nil, nil
	}
	return s.signalRows(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE group_id = ? ORDER BY created_at, id", groupID)
}

// SignalPrivate returns a signal with its personal data (note, reporter
// contact, address), and records the read in the audit log in the same
// transaction: only for those with PermViewNotes.
func (s *Store) SignalPrivate(ctx context.Context, id string, read privacy.AuditEntry) (signaal.Signal, error) {
	var sg signaal.Signal
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		sg, err = scanSignal(tx.queryRow(ctx, "SELECT "+signalCols+" FROM signals WHERE id = ?", id))
		if errors.Is(err, sql.ErrNoRows) {
			return wei.ErrNotFound
		} else if err != nil {
			return fmt.Errorf("store: signal %s: %w", id, err)
		}
		read.Action, read.SubjectType, read.SubjectID, read.WijkID = privacy.ActionRead, "signal", id, sg.WijkID
		if read.Detail == "" {
			read.Detail = "note and reporter"
		}
		return audit(ctx, tx, read)
	})
	return sg, err
}

// hasPersonal reports whether a new signal carries personal data.
func hasPersonal(sg *signaal.Signal) bool {
	return sg.Note != "" || sg.ReporterContact != "" || sg.PersonID != "" || sg.ReporterUserID != "" || sg.Postcode != ""
}

// CreateSignal validates and stores a signal with its first event. The
// location comes from, in this order: an address (postcode and house
// number, looked up in the CBS table), a point (in the CBS buurt shapes),
// or the chosen buurt; it must lie in the wijk. When the signal holds
// personal data, an audit entry about it (created by sg.CreatedBy) is
// written in the same transaction, with the entries given.
func (s *Store) CreateSignal(ctx context.Context, sg *signaal.Signal, audits ...privacy.AuditEntry) error {
	sg.Normalize()
	sg.Status, sg.SolvedAt, sg.GroupID, sg.RejectReason = signaal.StatusNew, time.Time{}, "", ""
	themes, err := s.Themes(ctx, sg.WijkID)
	if err != nil {
		return err
	}
	verr := sg.Validate(themes)
	buurtID, err := s.locateAfter(ctx, verr, sg.WijkID, sg.Postcode, sg.HouseNumber, sg.HasPoint, sg.Lon, sg.Lat, sg.BuurtID)
	if err != nil {
		return err
	}
	sg.BuurtID = buurtID
	sg.ID = wei.NewID()
	sg.CreatedAt = s.now().UTC().Truncate(time.Millisecond)
	sg.UpdatedAt = sg.CreatedAt
	return s.inTx(ctx, func(tx *Tx) error {
		if err := insertSignal(ctx, tx, sg); err != nil {
			return err
		}
		if hasPersonal(sg) {
			audits = append(audits, privacy.AuditEntry{ActorID: sg.CreatedBy, WijkID: sg.WijkID, Action: privacy.ActionCreate, SubjectType: "signal", SubjectID: sg.ID})
		}
		return auditAll(ctx, tx, sg.ID, audits)
	})
}

func insertSignal(ctx context.Context, tx *Tx, sg *signaal.Signal) error {
	if sg.OrganisationID != "" && !orgInWijk(ctx, tx, sg.OrganisationID, sg.WijkID) {
		return &wei.Error{Code: wei.EINVALID, Message: "This organisation is not part of the wijk.", Fields: map[string]string{"organisation_id": "signals.error.organisation"}}
	}
	var lon, lat any
	if sg.HasPoint {
		lon, lat = microDegrees(sg.Lon), microDegrees(sg.Lat)
	}
	_, err := tx.exec(ctx, `INSERT INTO signals (id, wijk_id, buurt_id, theme, urgency, status, source, title, note, postcode, house_number,
		lon_e6, lat_e6, group_id, person_id, reporter_user_id, reporter_contact, visit_id, organisation_id, reject_reason, created_by,
		created_at, updated_at, solved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, '', ?, ?, ?, 0)`,
		sg.ID, sg.WijkID, sg.BuurtID, sg.Theme, sg.Urgency, sg.Status, sg.Source, sg.Title, sg.Note, sg.Postcode, sg.HouseNumber,
		lon, lat, nullStr(sg.PersonID), nullStr(sg.ReporterUserID), sg.ReporterContact, nullStr(sg.VisitID), nullStr(sg.OrganisationID),
		sg.CreatedBy, ms(sg.CreatedAt), ms(sg.UpdatedAt))
	if err != nil {
		return mapErr(fmt.Errorf("store: create signal: %w", err))
	}
	return signalEvent(ctx, tx, signaal.Event{SignalID: sg.ID, At: sg.CreatedAt, ActorID: sg.CreatedBy, Kind: signaal.EventCreated, ToStatus: sg.Status})
}

func signalEvent(ctx context.Context, tx *Tx, e signaal.Event) error {
	if e.ID == "" {
		e.ID = wei.NewID()
	}
	if e.At.IsZero() {
		e.At = tx.s.now()
	}
	_, err := tx.exec(ctx, "INSERT INTO signal_events (id, signal_id, at, actor_id, kind, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		e.ID, e.SignalID, ms(e.At), e.ActorID, e.Kind, e.FromStatus, e.ToStatus, e.Detail)
	if err != nil {
		return fmt.Errorf("store: signal event: %w", err)
	}
	return nil
}

// SignalEvents returns a signal's history, oldest first.
func (s *Store) SignalEvents(ctx context.Context, signalID string) ([]signaal.Event, error) {
	rows, err := s.query(ctx, "SELECT id, signal_id, at, actor_id, kind, from_status, to_status, detail FROM signal_events WHERE signal_id = ? ORDER BY at, id", signalID)
	if err != nil {
		return nil, fmt.Errorf("store: signal events: %w", err)
	}
	defer rows.Close()
	var out []signaal.Event
	for rows.Next() {
		var e signaal.Event
		var at int64
		if err := rows.Scan(&e.ID, &e.SignalID, &at, &e.ActorID, &e.Kind, &e.FromStatus, &e.ToStatus, &e.Detail); err != nil {
			return nil, fmt.Errorf("store: signal events: %w", err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// MoveSignal changes a signal's status, as seen by the caller in from: when
// someone else changed it in the meantime, the move is refused with
// ECONFLICT. Rejecting needs a reason. Solving or rejecting sets SolvedAt;
// reopening clears it.
func (s *Store) MoveSignal(ctx context.Context, wijkID, id, from, to, reason, byUserID string) (signaal.Signal, error) {
	reason = strings.TrimSpace(reason)
	f := wei.FieldErrors{}
	if !signaal.CanMove(from, to) {
		f.Add("status", "signals.error.move")
	}
	if to == signaal.StatusRejected && (reason == "" || len([]rune(reason)) > 500) {
		f.Add("reason", "signals.error.reject_reason")
	}
	if len([]rune(reason)) > 500 {
		f.Add("reason", "error.too_long")
	}
	if err := f.Err(); err != nil {
		return signaal.Signal{}, err
	}
	var sg signaal.Signal
	err := s.inTx(ctx, func(tx *Tx) error {
		now := s.now().UTC()
		solved, rejectReason := int64(0), ""
		if to == signaal.StatusSolved || to == signaal.StatusRejected {
			solved = ms(now)
		}
		if to == signaal.StatusRejected {
			rejectReason = reason
		}
		res, err := tx.exec(ctx, "UPDATE signals SET status = ?, solved_at = ?, reject_reason = ?, updated_at = ? WHERE id = ? AND wijk_id = ? AND status = ?",
			to, solved, rejectReason, ms(now), id, wijkID, from)
		if err != nil {
			return mapErr(fmt.Errorf("store: move signal %s: %w", id, err))
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: move signal %s: %w", id, err)
		} else if n == 0 {
			var cur string
			err := tx.queryRow(ctx, "SELECT status FROM signals WHERE id = ? AND wijk_id = ?", id, wijkID).Scan(&cur)
			if errors.Is(err, sql.ErrNoRows) {
				return wei.ErrNotFound
			} else if err != nil {
				return fmt.Errorf("store: move signal %s: %w", id, err)
			}
			return &wei.Error{Code: wei.ECONFLICT, Message: "Someone else changed the status of this signal in the meantime.",
				Fields: map[string]string{"status": "signals.error.moved_meanwhile"}}
		}
		if err := signalEvent(ctx, tx, signaal.Event{SignalID: id, At: now, ActorID: byUserID, Kind: signaal.EventStatus, FromStatus: from, ToStatus: to, Detail: reason}); err != nil {
			return err
		}
		sg, err = scanSignal(tx.queryRow(ctx, "SELECT "+signalPublicCols+" FROM signals WHERE id = ?", id))
		return err
	})
	return sg, err
}

// GroupSignals puts signal id in the group of signal with (both of the
// wijk): related reports of one problem. A group is named by the ID of its
// first signal. A signal that was in another group leaves it.
func (s *Store) GroupSignals(ctx context.Context, wijkID, id, with, byUserID string) error {
	if id == with {
		return &wei.Error{Code: wei.EINVALID, Message: "A signal cannot be grouped with itself.", Fields: map[string]string{"with": "signals.error.group_self"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		var group, other string
		if err := tx.queryRow(ctx, "SELECT group_id FROM signals WHERE id = ? AND wijk_id = ?", id, wijkID).Scan(&group); err != nil {
			return notFound(err, "store: group signal %s: %w", id)
		}
		err := tx.queryRow(ctx, "SELECT group_id FROM signals WHERE id = ? AND wijk_id = ?", with, wijkID).Scan(&other)
		if errors.Is(err, sql.ErrNoRows) {
			return &wei.Error{Code: wei.EINVALID, Message: "That signal does not exist in this wijk.", Fields: map[string]string{"with": "signals.error.group_unknown"}}
		} else if err != nil {
			return fmt.Errorf("store: group signal %s: %w", id, err)
		}
		if other == "" {
			other = with
			if _, err := tx.exec(ctx, "UPDATE signals SET group_id = ? WHERE id = ?", other, with); err != nil {
				return fmt.Errorf("store: group signal %s: %w", with, err)
			}
			if err := signalEvent(ctx, tx, signaal.Event{SignalID: with, ActorID: byUserID, Kind: signaal.EventGrouped, Detail: other}); err != nil {
				return err
			}
		}
		if group == other {
			return nil
		}
		if group != "" {
			if err := leaveGroup(ctx, tx, id, group, byUserID); err != nil {
				return err
			}
		}
		if _, err := tx.exec(ctx, "UPDATE signals SET group_id = ?, updated_at = ? WHERE id = ?", other, ms(s.now()), id); err != nil {
			return fmt.Errorf("store: group signal %s: %w", id, err)
		}
		return signalEvent(ctx, tx, signaal.Event{SignalID: id, ActorID: byUserID, Kind: signaal.EventGrouped, Detail: other})
	})
}

// UngroupSignal takes a signal out of its group.
func (s *Store) UngroupSignal(ctx context.Context, wijkID, id, byUserID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		var group string
		if err := tx.queryRow(ctx, "SELECT group_id FROM signals WHERE id = ? AND wijk_id = ?", id, wijkID).Scan(&group); err != nil {
			return notFound(err, "store: ungroup signal %s: %w", id)
		}
		if group == "" {
			return nil
		}
		return leaveGroup(ctx, tx, id, group, byUserID)
	})
}

// leaveGroup takes id out of group. When one signal is left, that group
// ends; when the group's first signal leaves, the others are renamed after
// the next one, so a group is always named by a member.
func leaveGroup(ctx context.Context, tx *Tx, id, group, byUserID string) error {
	if _, err := tx.exec(ctx, "UPDATE signals SET group_id = '' WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: ungroup signal %s: %w", id, err)
	}
	if err := signalEvent(ctx, tx, signaal.Event{SignalID: id, ActorID: byUserID, Kind: signaal.EventUngroup, Detail: group}); err != nil {
		return err
	}
	rows, err := tx.query(ctx, "SELECT id FROM signals WHERE group_id = ? ORDER BY created_at, id", group)
	if err != nil {
		return fmt.Errorf("store: ungroup signal %s: %w", id, err)
	}
	var rest []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			rows.Close()
			return fmt.Errorf("store: ungroup signal %s: %w", id, err)
		}
		rest = append(rest, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: ungroup signal %s: %w", id, err)
	}
	switch {
	case len(rest) == 1:
		if _, err := tx.exec(ctx, "UPDATE signals SET group_id = '' WHERE id = ?", rest[0]); err != nil {
			return fmt.Errorf("store: ungroup signal %s: %w", rest[0], err)
		}
		return signalEvent(ctx, tx, signaal.Event{SignalID: rest[0], ActorID: byUserID, Kind: signaal.EventUngroup, Detail: group})
	case len(rest) > 1 && group == id:
		if _, err := tx.exec(ctx, "UPDATE signals SET group_id = ? WHERE group_id = ?", rest[0], group); err != nil {
			return fmt.Errorf("store: rename group %s: %w", group, err)
		}
	}
	return nil
}

// SignalCountsByBuurtTheme counts the wijk's signals created in [from, to)
// per buurt ID and theme, raw: the public page suppresses them with
// signaal.SuppressTable.
func (s *Store) SignalCountsByBuurtTheme(ctx context.Context, wijkID string, from, to time.Time) (map[string]map[string]int, error) {
	rows, err := s.query(ctx, "SELECT buurt_id, theme, count(*) FROM signals WHERE wijk_id = ? AND created_at >= ? AND created_at < ? GROUP BY buurt_id, theme",
		wijkID, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: signal counts: %w", err)
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var b, th string
		var n int
		if err := rows.Scan(&b, &th, &n); err != nil {
			return nil, fmt.Errorf("store: signal counts: %w", err)
		}
		if out[b] == nil {
			out[b] = map[string]int{}
		}
		out[b][th] = n
	}
	return out, rows.Err()
}
