package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei/signaal"
)

// OrgsConnected returns the pairs of organisations of a wijk that the
// leefomgevingsoverleg already brought together: they took part in the
// same meeting, or they share an action item. Overlap detection leaves
// these pairs out.
//
// Taking part in a meeting means being on its participant list without
// being marked absent or excused: an organisation invited to the next
// meeting counts, so the suggestion to bring two organisations together
// disappears once the chair has invited both. Sharing an action item
// means being its organisation or one of the organisations that work on
// it together, whatever the item's status.
func (s *Store) OrgsConnected(ctx context.Context, wijkID string) (map[signaal.OrgPair]bool, error) {
	groups := map[string][]string{} // meeting or action ID -> organisations
	var order []string
	collect := func(what, q string, args ...any) error {
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: orgs connected by %s: %w", what, err)
		}
		defer rows.Close()
		for rows.Next() {
			var group, org string
			if err := rows.Scan(&group, &org); err != nil {
				return fmt.Errorf("store: orgs connected by %s: %w", what, err)
			}
			if _, ok := groups[group]; !ok {
				order = append(order, group)
			}
			groups[group] = append(groups[group], org)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: orgs connected by %s: %w", what, err)
		}
		return nil
	}
	err := collect("meetings", `SELECT 'm' || p.meeting_id, p.organisation_id FROM overleg_participants p
		JOIN overleg_meetings m ON m.id = p.meeting_id
		WHERE m.wijk_id = ? AND p.attendance NOT IN ('absent', 'excused')`, wijkID)
	if err != nil {
		return nil, err
	}
	err = collect("actions", `SELECT 'a' || a.id, a.organisation_id FROM overleg_actions a WHERE a.wijk_id = ?
		UNION ALL
		SELECT 'a' || o.action_id, o.organisation_id FROM overleg_action_orgs o
		JOIN overleg_actions a ON a.id = o.action_id WHERE a.wijk_id = ?`, wijkID, wijkID)
	if err != nil {
		return nil, err
	}
	out := map[signaal.OrgPair]bool{}
	for _, g := range order {
		orgs := groups[g]
		for i := range orgs {
			for j := i + 1; j < len(orgs); j++ {
				if orgs[i] != orgs[j] {
					out[signaal.Pair(orgs[i], orgs[j])] = true
				}
			}
		}
	}
	return out, nil
}
