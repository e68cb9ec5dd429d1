package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

// Meetings of a leefomgevingsoverleg with their participants, agenda and
// decisions.

const meetingCols = "id, series_id, wijk_id, starts_at, ends_at, place, agenda_prepared_at, created_by, created_at"

func scanMeeting(sc interface{ Scan(...any) error }) (overleg.Meeting, error) {
	var m overleg.Meeting
	var starts, ends, prepared, created int64
	err := sc.Scan(&m.ID, &m.SeriesID, &m.WijkID, &starts, &ends, &m.Place, &prepared, &m.CreatedBy, &created)
	m.StartsAt, m.EndsAt, m.AgendaPreparedAt, m.CreatedAt = fromMS(starts), fromMS(ends), fromMS(prepared), fromMS(created)
	return m, err
}

// orgsInWijk checks inside tx that every organisation is one of the wijk's;
// field names the form field that gets the message.
func orgsInWijk(ctx context.Context, tx *Tx, wijkID, field string, ids ...string) error {
	for _, id := range ids {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM organisations WHERE id = ? AND wijk_id = ?", id, wijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: organisation %s: %w", id, err)
		}
		if n == 0 {
			return &wei.Error{Code: wei.EINVALID, Message: "The organisation is not part of this wijk.", Fields: map[string]string{field: "error.choice"}}
		}
	}
	return nil
}

// CreateMeeting plans a meeting of a series. When m has no participants it
// invites the organisations of the series' latest meeting before it.
func (s *Store) CreateMeeting(ctx context.Context, m *overleg.Meeting) error {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return err
	}
	m.ID, m.CreatedAt, m.AgendaPreparedAt = wei.NewID(), s.now().UTC(), time.Time{}
	return s.inTx(ctx, func(tx *Tx) error {
		if err := seriesInWijk(ctx, tx, m.WijkID, m.SeriesID); err != nil {
			return err
		}
		var clash int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM overleg_meetings WHERE series_id = ? AND starts_at < ? AND ends_at > ?",
			m.SeriesID, ms(m.EndsAt), ms(m.StartsAt)).Scan(&clash); err != nil {
			return fmt.Errorf("store: create meeting: %w", err)
		}
		if clash > 0 {
			return &wei.Error{Code: wei.ECONFLICT, Message: "The series has a meeting at that time already.", Fields: map[string]string{"date": "overleg.error.clash"}}
		}
		if len(m.Participants) == 0 {
			rows, err := tx.query(ctx, `SELECT organisation_id FROM overleg_participants WHERE meeting_id = (
				SELECT id FROM overleg_meetings WHERE series_id = ? AND starts_at < ? ORDER BY starts_at DESC, id DESC LIMIT 1) ORDER BY organisation_id`, m.SeriesID, ms(m.StartsAt))
			if err != nil {
				return fmt.Errorf("store: create meeting: %w", err)
			}
			for rows.Next() {
				var p overleg.Participant
				if err := rows.Scan(&p.OrganisationID); err != nil {
					rows.Close()
					return fmt.Errorf("store: create meeting: %w", err)
				}
				m.Participants = append(m.Participants, p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("store: create meeting: %w", err)
			}
		}
		if _, err := tx.exec(ctx, "INSERT INTO overleg_meetings ("+meetingCols+") VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
			m.ID, m.SeriesID, m.WijkID, ms(m.StartsAt), ms(m.EndsAt), m.Place, m.CreatedBy, ms(m.CreatedAt)); err != nil {
			return mapErr(fmt.Errorf("store: create meeting: %w", err))
		}
		for i := range m.Participants {
			p := &m.Participants[i]
			p.Attendance = overleg.AttendanceUnknown
			if err := addParticipant(ctx, tx, m.WijkID, m.ID, p.OrganisationID); err != nil {
				return err
			}
		}
		return nil
	})
}

func addParticipant(ctx context.Context, tx *Tx, wijkID, meetingID, orgID string) error {
	if err := orgsInWijk(ctx, tx, wijkID, "organisation_id", orgID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "INSERT INTO overleg_participants (meeting_id, organisation_id, attendance) VALUES (?, ?, 'unknown')", meetingID, orgID)
	if err = mapErr(err); wei.ErrorCode(err) == wei.ECONFLICT {
		return &wei.Error{Code: wei.ECONFLICT, Message: "The organisation is invited already.", Fields: map[string]string{"organisation_id": "overleg.error.invited"}}
	} else if err != nil {
		return fmt.Errorf("store: add participant: %w", err)
	}
	return nil
}

// meetingInWijk checks inside tx that the meeting belongs to the wijk and
// the series, and returns it.
func meetingInWijk(ctx context.Context, tx *Tx, wijkID, seriesID, meetingID string) (overleg.Meeting, error) {
	m, err := scanMeeting(tx.queryRow(ctx, "SELECT "+meetingCols+" FROM overleg_meetings WHERE id = ? AND wijk_id = ? AND series_id = ?", meetingID, wijkID, seriesID))
	return m, notFound(err, "store: meeting %s: %w", meetingID)
}

// AddParticipant invites an organisation of the wijk to a meeting.
func (s *Store) AddParticipant(ctx context.Context, wijkID, seriesID, meetingID, orgID string) error {
	if orgID == "" {
		return &wei.Error{Code: wei.EINVALID, Message: "Choose an organisation.", Fields: map[string]string{"organisation_id": "error.choice"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, meetingID); err != nil {
			return err
		}
		return addParticipant(ctx, tx, wijkID, meetingID, orgID)
	})
}

// RemoveParticipant takes an organisation off a meeting's invitations.
func (s *Store) RemoveParticipant(ctx context.Context, wijkID, seriesID, meetingID, orgID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, meetingID); err != nil {
			return err
		}
		res, err := tx.exec(ctx, "DELETE FROM overleg_participants WHERE meeting_id = ? AND organisation_id = ?", meetingID, orgID)
		if err != nil {
			return fmt.Errorf("store: remove participant: %w", err)
		}
		return mustAffect(res)
	})
}

// SetAttendance records who came to a meeting, for the invited
// organisations in the map; all or nothing.
func (s *Store) SetAttendance(ctx context.Context, wijkID, seriesID, meetingID string, att map[string]overleg.Attendance) error {
	for org, a := range att {
		if !slices.Contains(overleg.Attendances, a) {
			return &wei.Error{Code: wei.EINVALID, Message: "Not an attendance.", Fields: map[string]string{"attendance_" + org: "error.choice"}}
		}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, meetingID); err != nil {
			return err
		}
		for org, a := range att {
			res, err := tx.exec(ctx, "UPDATE overleg_participants SET attendance = ? WHERE meeting_id = ? AND organisation_id = ?", string(a), meetingID, org)
			if err != nil {
				return fmt.Errorf("store: set attendance: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "The organisation is not invited.", Fields: map[string]string{"attendance_" + org: "overleg.error.not_invited"}}
			}
		}
		return nil
	})
}

// Meeting returns a meeting with its participants.
func (s *Store) Meeting(ctx context.Context, id string) (overleg.Meeting, error) {
	m, err := scanMeeting(s.queryRow(ctx, "SELECT "+meetingCols+" FROM overleg_meetings WHERE id = ?", id))
	if err != nil {
		return m, notFound(err, "store: meeting %s: %w", id)
	}
	list := []overleg.Meeting{m}
	if err := s.fillParticipants(ctx, list); err != nil {
		return m, err
	}
	return list[0], nil
}

// Meetings lists the meetings of a series with their participants, oldest first.
func (s *Store) Meetings(ctx context.Context, seriesID string) ([]overleg.Meeting, error) {
	rows, err := s.query(ctx, "SELECT "+meetingCols+" FROM overleg_meetings WHERE series_id = ? ORDER BY starts_at, id", seriesID)
	if err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	defer rows.Close()
	var out []overleg.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, fmt.Errorf("store: meetings: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: meetings: %w", err)
	}
	return out, s.fillParticipants(ctx, out)
}

// fillParticipants reads the participants of the meetings, by organisation name.
func (s *Store) fillParticipants(ctx context.Context, list []overleg.Meeting) error {
	if len(list) == 0 {
		return nil
	}
	idx := map[string]int{}
	args := make([]any, len(list))
	for i, m := range list {
		idx[m.ID] = i
		args[i] = m.ID
	}
	rows, err := s.query(ctx, `SELECT p.meeting_id, p.organisation_id, p.attendance FROM overleg_participants p JOIN organisations o ON o.id = p.organisation_id
		WHERE p.meeting_id IN (?`+strings.Repeat(", ?", len(list)-1)+`) ORDER BY o.name, o.id`, args...)
	if err != nil {
		return fmt.Errorf("store: participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var mid, org, att string
		if err := rows.Scan(&mid, &org, &att); err != nil {
			return fmt.Errorf("store: participants: %w", err)
		}
		list[idx[mid]].Participants = append(list[idx[mid]].Participants, overleg.Participant{OrganisationID: org, Attendance: overleg.Attendance(att)})
	}
	return rows.Err()
}

const itemCols = "id, meeting_id, position, kind, title, source_key, signal_id, related, action_id, theme, buurt_id, org_ids, removed, created_by, created_at"

func scanItem(sc interface{ Scan(...any) error }) (overleg.AgendaItem, error) {
	var it overleg.AgendaItem
	var kind, orgs string
	var created int64
	err := sc.Scan(&it.ID, &it.MeetingID, &it.Position, &kind, &it.Title, &it.SourceKey, &it.SignalID, &it.Related, &it.ActionID, &it.Theme, &it.BuurtID, &orgs, &it.Removed, &it.CreatedBy, &created)
	it.Kind, it.CreatedAt = overleg.ItemKind(kind), fromMS(created)
	if orgs != "" {
		it.OrgIDs = strings.Split(orgs, ",")
	}
	return it, err
}

// AgendaItems lists a meeting's agenda in order, the removed items last.
func (s *Store) AgendaItems(ctx context.Context, meetingID string) ([]overleg.AgendaItem, error) {
	return s.itemRows(ctx, "SELECT "+itemCols+" FROM overleg_agenda_items WHERE meeting_id = ? ORDER BY removed, position, id", meetingID)
}

// agendaItemsOf lists the agenda items of several meetings.
func (s *Store) agendaItemsOf(ctx context.Context, meetingIDs []string) ([]overleg.AgendaItem, error) {
	if len(meetingIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(meetingIDs))
	for i, id := range meetingIDs {
		args[i] = id
	}
	return s.itemRows(ctx, "SELECT "+itemCols+" FROM overleg_agenda_items WHERE meeting_id IN (?"+strings.Repeat(", ?", len(args)-1)+") ORDER BY meeting_id, position, id", args...)
}

func (s *Store) itemRows(ctx context.Context, q string, args ...any) ([]overleg.AgendaItem, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: agenda: %w", err)
	}
	defer rows.Close()
	var out []overleg.AgendaItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: agenda: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func txItems(ctx context.Context, tx *Tx, meetingID string) ([]overleg.AgendaItem, error) {
	rows, err := tx.query(ctx, "SELECT "+itemCols+" FROM overleg_agenda_items WHERE meeting_id = ? ORDER BY removed, position, id", meetingID)
	if err != nil {
		return nil, fmt.Errorf("store: agenda: %w", err)
	}
	defer rows.Close()
	var out []overleg.AgendaItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: agenda: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func insertItem(ctx context.Context, tx *Tx, it overleg.AgendaItem) (bool, error) {
	res, err := tx.exec(ctx, "INSERT INTO overleg_agenda_items ("+itemCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (meeting_id, source_key) DO NOTHING",
		it.ID, it.MeetingID, it.Position, string(it.Kind), it.Title, it.SourceKey, it.SignalID, it.Related, it.ActionID, it.Theme, it.BuurtID, strings.Join(it.OrgIDs, ","), it.Removed, it.CreatedBy, ms(it.CreatedAt))
	if err != nil {
		return false, mapErr(fmt.Errorf("store: add agenda item: %w", err))
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// AgendaPrepared is what preparing an agenda did.
type AgendaPrepared struct {
	Added int // items added
	Total int // items on the agenda now (not counting removed ones)
}

// PrepareAgenda builds the agenda of a meeting from its sources (see
// overleg.BuildAgenda): the open actions of the series, the signals
// reported since the series' previous meeting, signals open longer than
// the series allows and the overlaps of the wijk. It adds only what is not
// on the agenda yet, after the items already there, so it may be run again
// before the meeting; what the chair added, moved or removed stays.
// overlapTitle names an overlap in the chair's language.
func (s *Store) PrepareAgenda(ctx context.Context, wijkID, seriesID, meetingID, byUserID string, overlapTitle func(signaal.Overlap) string) (AgendaPrepared, error) {
	sr, err := s.Series(ctx, seriesID)
	if err == nil && sr.WijkID != wijkID {
		err = wei.ErrNotFound
	}
	if err != nil {
		return AgendaPrepared{}, err
	}
	m, err := s.Meeting(ctx, meetingID)
	if err == nil && m.SeriesID != seriesID {
		err = wei.ErrNotFound
	}
	if err != nil {
		return AgendaPrepared{}, err
	}
	var prev time.Time
	var p int64
	err = s.queryRow(ctx, "SELECT starts_at FROM overleg_meetings WHERE series_id = ? AND starts_at < ? ORDER BY starts_at DESC, id DESC LIMIT 1", seriesID, ms(m.StartsAt)).Scan(&p)
	switch {
	case err == nil:
		prev = fromMS(p)
	case !errors.Is(err, sql.ErrNoRows):
		return AgendaPrepared{}, fmt.Errorf("store: previous meeting: %w", err)
	}
	// New signals: since the previous meeting, up to the meeting (or now,
	// for a meeting still to come: the agenda may be prepared again).
	until := m.StartsAt
	if now := s.now(); now.After(until) {
		until = now
	}
	newSignals, err := s.SignalsBetween(ctx, wijkID, prev, until)
	if err != nil {
		return AgendaPrepared{}, err
	}
	open, err := s.OpenSignals(ctx, wijkID)
	if err != nil {
		return AgendaPrepared{}, err
	}
	overlaps, err := s.Overlaps(ctx, wijkID)
	if err != nil {
		return AgendaPrepared{}, err
	}
	actions, err := s.Actions(ctx, seriesID)
	if err != nil {
		return AgendaPrepared{}, err
	}
	gen := overleg.BuildAgenda(overleg.AgendaSources{Meeting: m, Previous: prev, StaleWeeks: sr.StaleWeeks, NewSignals: newSignals, OpenSignals: open,
		Actions: actions, Overlaps: overlaps, OverlapTitle: overlapTitle})
	var out AgendaPrepared
	now := s.now().UTC()
	err = s.inTx(ctx, func(tx *Tx) error {
		out = AgendaPrepared{}
		existing, err := txItems(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		for _, it := range overleg.MergeAgenda(existing, gen) {
			it.ID, it.MeetingID, it.CreatedBy, it.CreatedAt = wei.NewID(), meetingID, byUserID, now
			if len([]rune(it.Title)) > overleg.MaxTitle {
				it.Title = string([]rune(it.Title)[:overleg.MaxTitle-1]) + "…"
			}
			added, err := insertItem(ctx, tx, it)
			if err != nil {
				return err
			}
			if added {
				out.Added++
			}
		}
		if err := tx.queryRow(ctx, "SELECT count(*) FROM overleg_agenda_items WHERE meeting_id = ? AND removed = ?", meetingID, false).Scan(&out.Total); err != nil {
			return fmt.Errorf("store: prepare agenda: %w", err)
		}
		_, err = tx.exec(ctx, "UPDATE overleg_meetings SET agenda_prepared_at = ? WHERE id = ?", ms(now), meetingID)
		return err
	})
	return out, err
}

// AddAgendaItem adds an item of the chair's own to the end of the agenda.
func (s *Store) AddAgendaItem(ctx context.Context, wijkID, seriesID string, it *overleg.AgendaItem) error {
	it.Kind = overleg.KindOther
	if err := it.Validate(); err != nil {
		return err
	}
	it.ID, it.CreatedAt = wei.NewID(), s.now().UTC()
	it.SourceKey = overleg.ManualKey(it.ID)
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, it.MeetingID); err != nil {
			return err
		}
		if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM overleg_agenda_items WHERE meeting_id = ?", it.MeetingID).Scan(&it.Position); err != nil {
			return fmt.Errorf("store: add agenda item: %w", err)
		}
		_, err := insertItem(ctx, tx, *it)
		return err
	})
}

// MoveAgendaItem moves an item one place up (delta -1) or down (+1).
// Moving the first item up or the last one down is refused (EINVALID).
func (s *Store) MoveAgendaItem(ctx context.Context, wijkID, seriesID, meetingID, itemID string, delta int) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, meetingID); err != nil {
			return err
		}
		items, err := txItems(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(items, func(it overleg.AgendaItem) bool { return it.ID == itemID }) {
			return fmt.Errorf("store: agenda item %s: %w", itemID, wei.ErrNotFound)
		}
		moved := overleg.MoveItem(items, itemID, delta)
		if moved == nil {
			return &wei.Error{Code: wei.EINVALID, Message: "The item cannot move that way.", Fields: map[string]string{"item": "overleg.error.move"}}
		}
		return renumber(ctx, tx, moved)
	})
}

// renumber writes the positions of items.
func renumber(ctx context.Context, tx *Tx, items []overleg.AgendaItem) error {
	for _, it := range items {
		if _, err := tx.exec(ctx, "UPDATE overleg_agenda_items SET position = ? WHERE id = ?", it.Position, it.ID); err != nil {
			return fmt.Errorf("store: move agenda item: %w", err)
		}
	}
	return nil
}

// SetAgendaItemRemoved takes an item off the agenda (removed true) or puts
// it back at the end. A removed item stays in the table, so that preparing
// the agenda again does not bring it back. An item with decisions or
// actions cannot be removed.
func (s *Store) SetAgendaItemRemoved(ctx context.Context, wijkID, seriesID, meetingID, itemID string, removed bool) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, meetingID); err != nil {
			return err
		}
		items, err := txItems(ctx, tx, meetingID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(items, func(it overleg.AgendaItem) bool { return it.ID == itemID })
		if i < 0 {
			return fmt.Errorf("store: agenda item %s: %w", itemID, wei.ErrNotFound)
		}
		if items[i].Removed == removed {
			return nil
		}
		if removed {
			var n int
			if err := tx.queryRow(ctx, "SELECT (SELECT count(*) FROM overleg_decisions WHERE agenda_item_id = ?) + (SELECT count(*) FROM overleg_actions WHERE agenda_item_id = ?)", itemID, itemID).Scan(&n); err != nil {
				return fmt.Errorf("store: remove agenda item: %w", err)
			}
			if n > 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "The item has decisions or actions.", Fields: map[string]string{"item": "overleg.error.item_used"}}
			}
		}
		items[i].Removed = removed
		if _, err := tx.exec(ctx, "UPDATE overleg_agenda_items SET removed = ? WHERE id = ?", removed, itemID); err != nil {
			return fmt.Errorf("store: remove agenda item: %w", err)
		}
		// Number the items on the agenda 1, 2, 3..., a restored one last.
		var shown, gone []overleg.AgendaItem
		for _, it := range items {
			if it.ID == itemID && !removed {
				continue
			}
			if it.Removed {
				gone = append(gone, it)
			} else {
				shown = append(shown, it)
			}
		}
		slices.SortStableFunc(shown, func(a, b overleg.AgendaItem) int { return a.Position - b.Position })
		if !removed {
			shown = append(shown, items[i])
		}
		all := append(shown, gone...)
		for k := range all {
			all[k].Position = k + 1
		}
		return renumber(ctx, tx, all)
	})
}

// AddDecision records a decision of a meeting, on one of its agenda items
// or ("" item) on the meeting as a whole.
func (s *Store) AddDecision(ctx context.Context, wijkID, seriesID string, d *overleg.Decision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	d.ID, d.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := meetingInWijk(ctx, tx, wijkID, seriesID, d.MeetingID); err != nil {
			return err
		}
		if d.AgendaItemID != "" {
			if err := itemOfMeeting(ctx, tx, d.MeetingID, d.AgendaItemID); err != nil {
				return err
			}
		}
		_, err := tx.exec(ctx, "INSERT INTO overleg_decisions (id, meeting_id, agenda_item_id, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			d.ID, d.MeetingID, nullStr(d.AgendaItemID), d.Text, d.CreatedBy, ms(d.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: add decision: %w", err))
		}
		return nil
	})
}

// itemOfMeeting checks inside tx that an agenda item is on the meeting's agenda.
func itemOfMeeting(ctx context.Context, tx *Tx, meetingID, itemID string) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM overleg_agenda_items WHERE id = ? AND meeting_id = ? AND removed = ?", itemID, meetingID, false).Scan(&n); err != nil {
		return fmt.Errorf("store: agenda item %s: %w", itemID, err)
	}
	if n == 0 {
		return &wei.Error{Code: wei.EINVALID, Message: "The item is not on this meeting's agenda.", Fields: map[string]string{"agenda_item_id": "error.choice"}}
	}
	return nil
}

// Decisions lists the decisions of meetings, in the order they were made.
func (s *Store) Decisions(ctx context.Context, meetingIDs ...string) ([]overleg.Decision, error) {
	if len(meetingIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(meetingIDs))
	for i, id := range meetingIDs {
		args[i] = id
	}
	rows, err := s.query(ctx, "SELECT id, meeting_id, COALESCE(agenda_item_id, ''), text, created_by, created_at FROM overleg_decisions WHERE meeting_id IN (?"+
		strings.Repeat(", ?", len(args)-1)+") ORDER BY created_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: decisions: %w", err)
	}
	defer rows.Close()
	var out []overleg.Decision
	for rows.Next() {
		var d overleg.Decision
		var created int64
		if err := rows.Scan(&d.ID, &d.MeetingID, &d.AgendaItemID, &d.Text, &d.CreatedBy, &created); err != nil {
			return nil, fmt.Errorf("store: decisions: %w", err)
		}
		d.CreatedAt = fromMS(created)
		out = append(out, d)
	}
	return out, rows.Err()
}
