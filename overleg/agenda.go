package overleg

import (
	"cmp"
	"slices"
	"time"

	"github.com/wei-platform/wei/signaal"
)

// AgendaSources is what the agenda of a meeting is built from.
type AgendaSources struct {
	Meeting Meeting
	// Previous is the start of the series' previous meeting; zero for the
	// first meeting. Signals reported since then are new.
	Previous time.Time
	// StaleWeeks: signals open longer than this at the meeting come back.
	StaleWeeks int
	// NewSignals were created since Previous; OpenSignals are all open
	// signals of the wijk. A signal may be in both.
	NewSignals  []signaal.Signal
	OpenSignals []signaal.Signal
	// Actions are the action items of the series; those open at the
	// meeting come on the agenda (see CarryOver).
	Actions []Action
	// Overlaps are the overlaps of the wijk that the overleg has not
	// brought together yet.
	Overlaps []signaal.Overlap
	// OverlapTitle names an overlap on the agenda ("Groen in Sluispark:
	// Woonstichting Akkerland, Welzijn Lindenwaard"); nil uses the theme.
	OverlapTitle func(signaal.Overlap) string
}

// BuildAgenda returns the agenda the sources call for, numbered from 1:
//
//  1. the action items carried over from earlier meetings, overdue ones
//     first, then by deadline;
//  2. the signals reported since the previous meeting that are still
//     open, most urgent first, then oldest first;
//  3. signals open for more than StaleWeeks weeks at the meeting, in the
//     same order;
//  4. the overlaps, by theme and buurt.
//
// Signals of one group are one item (the group's first signal, with the
// number of related signals); a group with a new signal counts as new.
// Solved and rejected signals are left out: the agenda is for what still
// needs to be done.
func BuildAgenda(src AgendaSources) []AgendaItem {
	m := src.Meeting
	var out []AgendaItem

	for _, a := range CarryOver(src.Actions, m) {
		out = append(out, AgendaItem{Kind: KindAction, Title: a.What, SourceKey: ActionKey(a.ID), ActionID: a.ID})
	}

	// Signals, one entry per group (or per signal without a group).
	type entry struct {
		key     string
		first   signaal.Signal // the group's first signal
		urgency int            // the highest of the group
		size    int
		isNew   bool
	}
	entries := map[string]*entry{}
	var keys []string
	staleBefore := m.StartsAt.AddDate(0, 0, -7*max(src.StaleWeeks, 1))
	add := func(s signaal.Signal, isNew bool) {
		if !s.Open() {
			return
		}
		key := SignalKey(s.ID)
		if s.GroupID != "" {
			key = GroupKey(s.GroupID)
		}
		e, ok := entries[key]
		if !ok {
			e = &entry{key: key, first: s, urgency: -1}
			entries[key] = e
			keys = append(keys, key)
		}
		e.isNew = e.isNew || isNew
		if u := slices.Index(signaal.Urgencies, s.Urgency); u > e.urgency {
			e.urgency = u
		}
		if ok && groupFirst(s, e.first) {
			e.first = s
		}
	}
	seen := map[string]bool{}
	for _, s := range src.NewSignals {
		if !s.CreatedAt.Before(src.Previous) && !seen[s.ID] {
			seen[s.ID] = true
			add(s, true)
		}
	}
	for _, s := range src.OpenSignals {
		if s.CreatedAt.Before(staleBefore) && !seen[s.ID] {
			seen[s.ID] = true
			add(s, false)
		}
	}
	// Size counts every open signal of the group, also those neither new
	// nor stale: "and 3 related signals" is about the whole group.
	members := map[string]map[string]bool{}
	for _, list := range [][]signaal.Signal{src.NewSignals, src.OpenSignals} {
		for _, s := range list {
			if s.GroupID == "" || !s.Open() {
				continue
			}
			k := GroupKey(s.GroupID)
			if members[k] == nil {
				members[k] = map[string]bool{}
			}
			members[k][s.ID] = true
		}
	}
	var list []*entry
	for _, k := range keys {
		e := entries[k]
		e.size = max(len(members[k]), 1)
		list = append(list, e)
	}
	slices.SortStableFunc(list, func(a, b *entry) int {
		if a.isNew != b.isNew {
			if a.isNew {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.urgency, a.urgency); c != 0 {
			return c
		}
		if c := a.first.CreatedAt.Compare(b.first.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.key, b.key)
	})
	for _, e := range list {
		kind := KindSignalOpen
		if e.isNew {
			kind = KindSignalNew
		}
		out = append(out, AgendaItem{Kind: kind, Title: e.first.Title, SourceKey: e.key, SignalID: e.first.ID, Related: e.size - 1})
	}

	ov := slices.Clone(src.Overlaps)
	slices.SortStableFunc(ov, func(a, b signaal.Overlap) int {
		return cmp.Or(cmp.Compare(a.Theme, b.Theme), cmp.Compare(a.BuurtID, b.BuurtID))
	})
	for _, o := range ov {
		title := o.Theme
		if src.OverlapTitle != nil {
			title = src.OverlapTitle(o)
		}
		orgs := slices.Clone(o.OrganisationIDs)
		slices.Sort(orgs)
		out = append(out, AgendaItem{Kind: KindOverlap, Title: title, SourceKey: OverlapKey(o.Theme, o.BuurtID), Theme: o.Theme, BuurtID: o.BuurtID, OrgIDs: orgs})
	}
	for i := range out {
		out[i].Position = i + 1
		out[i].MeetingID = m.ID
	}
	return out
}

// groupFirst reports whether signal a should stand for its group rather
// than b: the group's own first signal (whose ID is the group's ID) wins,
// otherwise the earliest.
func groupFirst(a, b signaal.Signal) bool {
	if a.ID == a.GroupID {
		return true
	}
	if b.ID == b.GroupID {
		return false
	}
	return a.CreatedAt.Before(b.CreatedAt) || (a.CreatedAt.Equal(b.CreatedAt) && a.ID < b.ID)
}

// MergeAgenda returns the items of generated that are not on the agenda
// yet (by SourceKey; an item the chair removed counts as being on it), in
// their order, numbered after the last item of existing. Preparing an
// agenda twice therefore adds nothing the second time, and keeps what the
// chair added, moved or removed.
func MergeAgenda(existing, generated []AgendaItem) []AgendaItem {
	have := map[string]bool{}
	last := 0
	for _, it := range existing {
		have[it.SourceKey] = true
		last = max(last, it.Position)
	}
	var out []AgendaItem
	for _, it := range generated {
		if have[it.SourceKey] {
			continue
		}
		have[it.SourceKey] = true
		last++
		it.Position = last
		out = append(out, it)
	}
	return out
}

// MoveItem moves the agenda item id one place up (delta -1) or down
// (delta +1) among the items that are not removed, and returns every item
// with its new position: the items that are not removed numbered 1, 2,
// 3... in their new order, removed items after them. It returns nil when
// id is not an item on the agenda or cannot move that way.
func MoveItem(items []AgendaItem, id string, delta int) []AgendaItem {
	var shown, removed []AgendaItem
	for _, it := range items {
		if it.Removed {
			removed = append(removed, it)
		} else {
			shown = append(shown, it)
		}
	}
	slices.SortStableFunc(shown, func(a, b AgendaItem) int { return cmp.Compare(a.Position, b.Position) })
	i := slices.IndexFunc(shown, func(it AgendaItem) bool { return it.ID == id })
	j := i + delta
	if i < 0 || (delta != -1 && delta != 1) || j < 0 || j >= len(shown) {
		return nil
	}
	shown[i], shown[j] = shown[j], shown[i]
	out := append(shown, removed...)
	for k := range out {
		out[k].Position = k + 1
	}
	return out
}

// CarryOver returns the action items of meeting m's series that were open
// when m started and were agreed at an earlier meeting (AgreedAt before
// m's start): the actions that carry over to m. For a meeting still to
// come these are the open actions; for a past meeting, those that were
// open then, with the status they have now. Overdue ones come first, then
// by deadline and by when they were agreed.
func CarryOver(actions []Action, m Meeting) []Action {
	var out []Action
	for _, a := range actions {
		if a.SeriesID != m.SeriesID || a.MeetingID == m.ID || !a.AgreedAt.Before(m.StartsAt) || !OpenAt(a, m.StartsAt) {
			continue
		}
		out = append(out, a)
	}
	SortActions(out, m.StartsAt)
	return out
}

// OpenAt reports whether the action was open at moment t: it is open now,
// or was done or dropped after t.
func OpenAt(a Action, t time.Time) bool {
	return a.Open() || a.ClosedAt.After(t)
}

// Overdue reports whether an action was overdue at moment t: open at t,
// with its deadline before t's date in Amsterdam. An action due today is
// not overdue yet.
func Overdue(a Action, t time.Time) bool {
	return OpenAt(a, t) && !a.Due.IsZero() && a.Due.Before(Day(t))
}

// SortActions orders actions for a list: overdue at t first, then by
// deadline, then by when they were agreed.
func SortActions(actions []Action, t time.Time) {
	slices.SortStableFunc(actions, func(a, b Action) int {
		oa, ob := Overdue(a, t), Overdue(b, t)
		if oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		return cmp.Or(a.Due.Compare(b.Due), a.AgreedAt.Compare(b.AgreedAt), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
}
