package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/overleg"
)

// Action items of a leefomgevingsoverleg. An action is agreed at a meeting
// and carries over to every next meeting of its series until it is done or
// dropped (see overleg.CarryOver).

const actionCols = `a.id, a.series_id, a.wijk_id, a.meeting_id, CASE WHEN a.created_at < m.starts_at THEN a.created_at ELSE m.starts_at END, COALESCE(a.agenda_item_id, ''), a.organisation_id, a.person, a.what, a.due_on,
	a.status, a.signal_id, a.theme, a.buurt_id, a.closed_by, a.closed_at, a.created_by, a.created_at`

func scanAction(sc interface{ Scan(...any) error }) (overleg.Action, error) {
	var a overleg.Action
	var agreed, closed, created int64
	var due, status string
	err := sc.Scan(&a.ID, &a.SeriesID, &a.WijkID, &a.MeetingID, &agreed, &a.AgendaItemID, &a.OrganisationID, &a.Person, &a.What, &due,
		&status, &a.SignalID, &a.Theme, &a.BuurtID, &a.ClosedBy, &closed, &a.CreatedBy, &created)
	a.AgreedAt, a.Due, a.Status, a.ClosedAt, a.CreatedAt = fromMS(agreed), parseDate(due), overleg.ActionStatus(status), fromMS(closed), fromMS(created)
	return a, err
}

// CreateAction records an action item agreed at a meeting. When it comes
// from an agenda item about a signal or an overlap, it is linked to that
// signal or overlap.
func (s *Store) CreateAction(ctx context.Context, a *overleg.Action) error {
	a.Status = overleg.ActionOpen
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	a.ID, a.CreatedAt, a.ClosedAt, a.ClosedBy = wei.NewID(), s.now().UTC(), time.Time{}, ""
	return s.inTx(ctx, func(tx *Tx) error {
		m, err := meetingInWijk(ctx, tx, a.WijkID, a.SeriesID, a.MeetingID)
		if err != nil {
			return err
		}
		a.AgreedAt = m.StartsAt
		if a.CreatedAt.Before(a.AgreedAt) {
			a.AgreedAt = a.CreatedAt.Truncate(time.Millisecond) // recorded before the meeting
		}
		if err := orgsInWijk(ctx, tx, a.WijkID, "organisation_id", a.OrganisationID); err != nil {
			return err
		}
		if err := orgsInWijk(ctx, tx, a.WijkID, "with_org_ids", a.WithOrgIDs...); err != nil {
			return err
		}
		if a.AgendaItemID != "" {
			if err := itemOfMeeting(ctx, tx, a.MeetingID, a.AgendaItemID); err != nil {
				return err
			}
			it, err := scanItem(tx.queryRow(ctx, "SELECT "+itemCols+" FROM overleg_agenda_items WHERE id = ?", a.AgendaItemID))
			if err != nil {
				return fmt.Errorf("store: create action: %w", err)
			}
			switch it.Kind {
			case overleg.KindSignalNew, overleg.KindSignalOpen:
				a.SignalID = it.SignalID
			case overleg.KindOverlap:
				a.Theme, a.BuurtID = it.Theme, it.BuurtID
			}
		}
		_, err = tx.exec(ctx, `INSERT INTO overleg_actions (id, series_id, wijk_id, meeting_id, agenda_item_id, organisation_id, person, what, due_on, status,
			signal_id, theme, buurt_id, closed_by, closed_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, ?, ?)`,
			a.ID, a.SeriesID, a.WijkID, a.MeetingID, nullStr(a.AgendaItemID), a.OrganisationID, a.Person, a.What, dateStr(a.Due), string(a.Status),
			a.SignalID, a.Theme, a.BuurtID, a.CreatedBy, ms(a.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create action: %w", err))
		}
		for _, org := range a.WithOrgIDs {
			if _, err := tx.exec(ctx, "INSERT INTO overleg_action_orgs (action_id, organisation_id) VALUES (?, ?)", a.ID, org); err != nil {
				return mapErr(fmt.Errorf("store: create action: %w", err))
			}
		}
		return nil
	})
}

// SetActionStatus marks an action done or dropped, or reopens it. The
// moment and the user are recorded; reopening clears them. Setting the
// status it has already is a conflict: someone else was first.
func (s *Store) SetActionStatus(ctx context.Context, wijkID, seriesID, actionID string, to overleg.ActionStatus, byUserID string) (overleg.Action, error) {
	if !slices.Contains(overleg.ActionStatuses, to) {
		return overleg.Action{}, &wei.Error{Code: wei.EINVALID, Message: "Not a status.", Fields: map[string]string{"status": "error.choice"}}
	}
	var out overleg.Action
	err := s.inTx(ctx, func(tx *Tx) error {
		a, err := scanAction(tx.queryRow(ctx, "SELECT "+actionCols+" FROM overleg_actions a JOIN overleg_meetings m ON m.id = a.meeting_id WHERE a.id = ? AND a.wijk_id = ? AND a.series_id = ?",
			actionID, wijkID, seriesID))
		if err != nil {
			return notFound(err, "store: action %s: %w", actionID)
		}
		if a.Status == to {
			return &wei.Error{Code: wei.ECONFLICT, Message: "The action has this status already.", Fields: map[string]string{"status": "overleg.error.status_same"}}
		}
		closedAt, closedBy := ms(s.now()), byUserID
		if to == overleg.ActionOpen {
			closedAt, closedBy = 0, ""
		}
		res, err := tx.exec(ctx, "UPDATE overleg_actions SET status = ?, closed_at = ?, closed_by = ? WHERE id = ? AND status = ?", string(to), closedAt, closedBy, actionID, string(a.Status))
		if err != nil {
			return fmt.Errorf("store: action status: %w", err)
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		a.Status, a.ClosedAt, a.ClosedBy = to, fromMS(closedAt), closedBy
		out = a
		return nil
	})
	if err != nil {
		return out, err
	}
	list := []overleg.Action{out}
	err = s.fillWithOrgs(ctx, list)
	return list[0], err
}

// Action returns one action item.
func (s *Store) Action(ctx context.Context, id string) (overleg.Action, error) {
	a, err := scanAction(s.queryRow(ctx, "SELECT "+actionCols+" FROM overleg_actions a JOIN overleg_meetings m ON m.id = a.meeting_id WHERE a.id = ?", id))
	if err != nil {
		return a, notFound(err, "store: action %s: %w", id)
	}
	list := []overleg.Action{a}
	err = s.fillWithOrgs(ctx, list)
	return list[0], err
}

// Actions lists every action item of a series, in the order they were agreed.
func (s *Store) Actions(ctx context.Context, seriesID string) ([]overleg.Action, error) {
	rows, err := s.query(ctx, "SELECT "+actionCols+" FROM overleg_actions a JOIN overleg_meetings m ON m.id = a.meeting_id WHERE a.series_id = ? ORDER BY m.starts_at, a.created_at, a.id", seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: actions: %w", err)
	}
	defer rows.Close()
	var out []overleg.Action
	for rows.Next() {
		a, err := scanAction(rows)
		if err != nil {
			return nil, fmt.Errorf("store: actions: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: actions: %w", err)
	}
	return out, s.fillWithOrgs(ctx, out)
}

// fillWithOrgs reads the organisations that work on the actions together
// with the action's own.
func (s *Store) fillWithOrgs(ctx context.Context, list []overleg.Action) error {
	if len(list) == 0 {
		return nil
	}
	idx := map[string]int{}
	for i, a := range list {
		idx[a.ID] = i
	}
	// All of the series at once: a series has hundreds of actions, not millions.
	seriesIDs := map[string]bool{}
	var args []any
	for _, a := range list {
		if !seriesIDs[a.SeriesID] {
			seriesIDs[a.SeriesID] = true
			args = append(args, a.SeriesID)
		}
	}
	rows, err := s.query(ctx, `SELECT o.action_id, o.organisation_id FROM overleg_action_orgs o JOIN overleg_actions a ON a.id = o.action_id
		WHERE a.series_id IN (?`+strings.Repeat(", ?", len(args)-1)+`) ORDER BY o.action_id, o.organisation_id`, args...)
	if err != nil {
		return fmt.Errorf("store: action organisations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid, org string
		if err := rows.Scan(&aid, &org); err != nil {
			return fmt.Errorf("store: action organisations: %w", err)
		}
		if i, ok := idx[aid]; ok {
			list[i].WithOrgIDs = append(list[i].WithOrgIDs, org)
		}
	}
	return rows.Err()
}
