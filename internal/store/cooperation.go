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

// AddCooperation records that a partner of the wijk works with an initiative.
func (s *Store) AddCooperation(ctx context.Context, c *proces.Cooperation) error {
	c.What = strings.TrimSpace(c.What)
	f := wei.FieldErrors{}
	if c.Since.IsZero() {
		f.Add("since", "error.date")
	} else if proces.Day(c.Since).After(proces.Day(s.now())) {
		f.Add("since", "error.date_future")
	}
	if len(c.What) > 500 {
		f.Add("what", "error.too_long")
	}
	if err := f.Err(); err != nil {
		return err
	}
	c.ID, c.Since = wei.NewID(), proces.Day(c.Since)
	return s.inTx(ctx, func(tx *Tx) error {
		var pForm, iForm, pWijk, iWijk string
		if err := tx.queryRow(ctx, "SELECT form, wijk_id FROM organisations WHERE id = ?", c.PartnerID).Scan(&pForm, &pWijk); err != nil {
			return notFound(err, "store: cooperation partner %s: %w", c.PartnerID)
		}
		if err := tx.queryRow(ctx, "SELECT form, wijk_id FROM organisations WHERE id = ?", c.InitiativeID).Scan(&iForm, &iWijk); err != nil {
			return notFound(err, "store: cooperation initiative %s: %w", c.InitiativeID)
		}
		if wijk.Form(pForm) != wijk.FormPartner || !wijk.Form(iForm).IsInitiative() || pWijk != c.WijkID || iWijk != c.WijkID {
			return &wei.Error{Code: wei.EINVALID, Message: "Choose a partner and an initiative of this wijk.", Fields: map[string]string{"partner_id": "error.choice"}}
		}
		_, err := tx.exec(ctx, "INSERT INTO cooperations (id, wijk_id, partner_id, initiative_id, what, since, until) VALUES (?, ?, ?, ?, ?, ?, ?)",
			c.ID, c.WijkID, c.PartnerID, c.InitiativeID, c.What, dateStr(c.Since), dateStr(c.Until))
		return mapErr(err)
	})
}

// EndCooperation sets the last day of a cooperation.
func (s *Store) EndCooperation(ctx context.Context, wijkID, id string, until time.Time) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE cooperations SET until = ? WHERE id = ? AND wijk_id = ? AND until = '' AND since <= ?", dateStr(until), id, wijkID, dateStr(until))
		if err != nil {
			return fmt.Errorf("store: end cooperation: %w", err)
		}
		return mustAffect(res)
	})
}

// Cooperations lists the cooperations of a wijk, current ones first.
func (s *Store) Cooperations(ctx context.Context, wijkID string) ([]proces.Cooperation, error) {
	rows, err := s.query(ctx, "SELECT id, wijk_id, partner_id, initiative_id, what, since, until FROM cooperations WHERE wijk_id = ? ORDER BY until, since, id", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: cooperations: %w", err)
	}
	defer rows.Close()
	var out []proces.Cooperation
	for rows.Next() {
		var c proces.Cooperation
		var since, until string
		if err := rows.Scan(&c.ID, &c.WijkID, &c.PartnerID, &c.InitiativeID, &c.What, &since, &until); err != nil {
			return nil, fmt.Errorf("store: cooperations: %w", err)
		}
		c.Since, c.Until = parseDate(since), parseDate(until)
		out = append(out, c)
	}
	return out, rows.Err()
}

// JoinCoop makes an initiative a member of the wijkcoöperatie, with shares
// or a yearly member fee.
func (s *Store) JoinCoop(ctx context.Context, m *proces.CoopMembership) error {
	f := wei.FieldErrors{}
	if m.JoinedOn.IsZero() {
		f.Add("joined_on", "error.date")
	} else if proces.Day(m.JoinedOn).After(proces.Day(s.now())) {
		f.Add("joined_on", "error.date_future")
	}
	if m.Shares < 0 {
		f.Add("shares", "error.not_negative")
	}
	if m.FeeCents < 0 {
		f.Add("fee", "error.not_negative")
	}
	if err := f.Err(); err != nil {
		return err
	}
	m.ID, m.JoinedOn = wei.NewID(), proces.Day(m.JoinedOn)
	return s.inTx(ctx, func(tx *Tx) error {
		var cForm, mForm, cWijk, mWijk string
		if err := tx.queryRow(ctx, "SELECT form, wijk_id FROM organisations WHERE id = ?", m.CoopID).Scan(&cForm, &cWijk); err != nil {
			return notFound(err, "store: coop %s: %w", m.CoopID)
		}
		if err := tx.queryRow(ctx, "SELECT form, wijk_id FROM organisations WHERE id = ?", m.MemberID).Scan(&mForm, &mWijk); err != nil {
			return notFound(err, "store: coop member %s: %w", m.MemberID)
		}
		if wijk.Form(cForm) != wijk.FormWijkcooperatie || !wijk.Form(mForm).IsInitiative() || cWijk != mWijk {
			return &wei.Error{Code: wei.EINVALID, Message: "Only initiatives of the same wijk can join its wijkcoöperatie.", Fields: map[string]string{"member_id": "error.choice"}}
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM coop_memberships WHERE coop_id = ? AND member_id = ? AND left_on = ''", m.CoopID, m.MemberID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &wei.Error{Code: wei.ECONFLICT, Message: "This initiative is already a member.", Fields: map[string]string{"member_id": "error.already_member"}}
		}
		_, err := tx.exec(ctx, "INSERT INTO coop_memberships (id, coop_id, member_id, joined_on, left_on, shares, fee_cents) VALUES (?, ?, ?, ?, '', ?, ?)",
			m.ID, m.CoopID, m.MemberID, dateStr(m.JoinedOn), m.Shares, m.FeeCents)
		return mapErr(err)
	})
}

// CoopMembers lists the member initiatives of a wijkcoöperatie, current first.
func (s *Store) CoopMembers(ctx context.Context, coopID string) ([]proces.CoopMembership, error) {
	rows, err := s.query(ctx, "SELECT id, coop_id, member_id, joined_on, left_on, shares, fee_cents FROM coop_memberships WHERE coop_id = ? ORDER BY left_on, joined_on, id", coopID)
	if err != nil {
		return nil, fmt.Errorf("store: coop members: %w", err)
	}
	defer rows.Close()
	var out []proces.CoopMembership
	for rows.Next() {
		var m proces.CoopMembership
		var joined, left string
		if err := rows.Scan(&m.ID, &m.CoopID, &m.MemberID, &joined, &left, &m.Shares, &m.FeeCents); err != nil {
			return nil, fmt.Errorf("store: coop members: %w", err)
		}
		m.JoinedOn, m.LeftOn = parseDate(joined), parseDate(left)
		out = append(out, m)
	}
	return out, rows.Err()
}

// GuideTexts returns a wijk's own texts of the phase guide in a language,
// by phase and field (see proces.GuideFieldKeys).
func (s *Store) GuideTexts(ctx context.Context, wijkID, lang string) (map[proces.Phase]map[string]string, error) {
	rows, err := s.query(ctx, "SELECT phase, field, text FROM guide_texts WHERE wijk_id = ? AND lang = ?", wijkID, lang)
	if err != nil {
		return nil, fmt.Errorf("store: guide texts: %w", err)
	}
	defer rows.Close()
	out := map[proces.Phase]map[string]string{}
	for rows.Next() {
		var phase, field, text string
		if err := rows.Scan(&phase, &field, &text); err != nil {
			return nil, fmt.Errorf("store: guide texts: %w", err)
		}
		p := proces.Phase(phase)
		if out[p] == nil {
			out[p] = map[string]string{}
		}
		out[p][field] = text
	}
	return out, rows.Err()
}

// SetGuideText stores a wijk's own text for one field of the phase guide;
// an empty text restores the default.
func (s *Store) SetGuideText(ctx context.Context, wijkID string, phase proces.Phase, lang, field, text string) error {
	known := false
	for _, k := range proces.GuideFieldKeys() {
		known = known || k == field
	}
	if !known || phase.Index() < 0 || phase == proces.PhaseEnded || (lang != "nl" && lang != "en") {
		return &wei.Error{Code: wei.EINVALID, Message: "Unknown field of the guide.", Fields: map[string]string{"field": "error.choice"}}
	}
	text = strings.TrimSpace(text)
	if len(text) > 4000 {
		return &wei.Error{Code: wei.EINVALID, Message: "The text is too long.", Fields: map[string]string{"text": "error.too_long"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM guide_texts WHERE wijk_id = ? AND phase = ? AND lang = ? AND field = ?", wijkID, string(phase), lang, field); err != nil {
			return fmt.Errorf("store: set guide text: %w", err)
		}
		if text == "" {
			return nil
		}
		_, err := tx.exec(ctx, "INSERT INTO guide_texts (wijk_id, phase, lang, field, text) VALUES (?, ?, ?, ?, ?)", wijkID, string(phase), lang, field, text)
		return mapErr(err)
	})
}
