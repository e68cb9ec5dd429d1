package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/privacy"
)

// Wijkdialogen: sessions and online rounds with the inputs residents give.

const dialogueCols = `id, wijk_id, kind, theme, held_on, closes_on, place, facilitator, attendance,
	COALESCE(owner_org_id, ''), answer_days, created_by, created_at`

func scanDialogue(sc interface{ Scan(...any) error }) (dialoog.Dialogue, error) {
	var d dialoog.Dialogue
	var created int64
	err := sc.Scan(&d.ID, &d.WijkID, &d.Kind, &d.Theme, &d.HeldOn, &d.ClosesOn, &d.Place, &d.Facilitator, &d.Attendance,
		&d.OwnerOrgID, &d.AnswerDays, &d.CreatedBy, &created)
	d.CreatedAt = fromMS(created)
	return d, err
}

// checkOrgInWijk refuses an organisation that is not of the wijk, as a
// field error on field.
func (tx *Tx) checkOrgInWijk(ctx context.Context, wijkID, orgID, field string) error {
	if orgID == "" {
		return nil
	}
	var n int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM organisations WHERE id = ? AND wijk_id = ?", orgID, wijkID).Scan(&n); err != nil {
		return fmt.Errorf("store: check organisation %s: %w", orgID, err)
	}
	if n == 0 {
		return wei.FieldErrors{field: "dialoog.error.owner"}.Err()
	}
	return nil
}

// CreateDialogue stores a new session or online round.
func (s *Store) CreateDialogue(ctx context.Context, d *dialoog.Dialogue) error {
	d.Normalize()
	if err := d.Validate(); err != nil {
		return err
	}
	d.ID, d.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkOrgInWijk(ctx, d.WijkID, d.OwnerOrgID, "owner_org_id"); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO dialogues (id, wijk_id, kind, theme, held_on, closes_on, place, facilitator, attendance,
			owner_org_id, answer_days, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.WijkID, d.Kind, d.Theme, d.HeldOn, d.ClosesOn, d.Place, d.Facilitator, d.Attendance,
			nullStr(d.OwnerOrgID), d.AnswerDays, d.CreatedBy, ms(d.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create dialogue: %w", err))
		}
		return nil
	})
}

// Dialogue returns one dialogue.
func (s *Store) Dialogue(ctx context.Context, id string) (dialoog.Dialogue, error) {
	d, err := scanDialogue(s.queryRow(ctx, "SELECT "+dialogueCols+" FROM dialogues WHERE id = ?", id))
	return d, notFound(err, "store: dialogue %s: %w", id)
}

// DialogueSummary is a dialogue with the counts of its inputs.
type DialogueSummary struct {
	dialoog.Dialogue
	Inputs   int
	Answered int
}

// Dialogues lists the wijk's dialogues, newest first, with their counts.
func (s *Store) Dialogues(ctx context.Context, wijkID string) ([]DialogueSummary, error) {
	rows, err := s.query(ctx, `SELECT `+aliasCols("d.", dialogueCols)+`,
		(SELECT COUNT(*) FROM dialogue_inputs i WHERE i.dialogue_id = d.id),
		(SELECT COUNT(*) FROM dialogue_inputs i WHERE i.dialogue_id = d.id AND i.status IN ('answered', 'done', 'declined'))
		FROM dialogues d WHERE d.wijk_id = ? ORDER BY d.held_on DESC, d.id DESC`, wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: dialogues: %w", err)
	}
	defer rows.Close()
	var out []DialogueSummary
	for rows.Next() {
		var ds DialogueSummary
		var created int64
		d := &ds.Dialogue
		if err := rows.Scan(&d.ID, &d.WijkID, &d.Kind, &d.Theme, &d.HeldOn, &d.ClosesOn, &d.Place, &d.Facilitator, &d.Attendance,
			&d.OwnerOrgID, &d.AnswerDays, &d.CreatedBy, &created, &ds.Inputs, &ds.Answered); err != nil {
			return nil, fmt.Errorf("store: dialogues: %w", err)
		}
		d.CreatedAt = fromMS(created)
		out = append(out, ds)
	}
	return out, rows.Err()
}

// prefixCols puts a table alias before every column of a column list; a
// COALESCE(col, ”) keeps its shape.
func aliasCols(alias, cols string) string {
	parts := strings.Split(strings.ReplaceAll(cols, ", ''", "|''"), ",")
	for i, p := range parts {
		p = strings.ReplaceAll(strings.TrimSpace(p), "|''", ", ''")
		if rest, ok := strings.CutPrefix(p, "COALESCE("); ok {
			p = "COALESCE(" + alias + rest
		} else {
			p = alias + p
		}
		parts[i] = p
	}
	return strings.Join(parts, ", ")
}

const inputCols = `id, dialogue_id, wijk_id, kind, body, COALESCE(author_user_id, ''), entered_by, on_behalf,
	COALESCE(owner_org_id, ''), due_on, status, answer, answered_at, reminded_at, created_at`

func scanInput(sc interface{ Scan(...any) error }, extra ...any) (dialoog.Input, error) {
	var in dialoog.Input
	var answered, reminded, created int64
	dest := append([]any{&in.ID, &in.DialogueID, &in.WijkID, &in.Kind, &in.Body, &in.AuthorUserID, &in.EnteredBy, &in.OnBehalf,
		&in.OwnerOrgID, &in.DueOn, &in.Status, &in.Answer, &answered, &reminded, &created}, extra...)
	err := sc.Scan(dest...)
	in.AnsweredAt, in.RemindedAt, in.CreatedAt = fromMS(answered), fromMS(reminded), fromMS(created)
	return in, err
}

// CreateInput stores what a resident said in a dialogue: owned by the
// dialogue's party, to be answered within its answer days. The author (if
// any) follows the input from then on; input entered on a resident's
// behalf is written to the audit log. A closed online round takes no
// input.
func (s *Store) CreateInput(ctx context.Context, in *dialoog.Input) error {
	in.Normalize()
	in.Status = dialoog.StatusOpen
	if err := in.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		d, err := scanDialogue(tx.queryRow(ctx, "SELECT "+dialogueCols+" FROM dialogues WHERE id = ?", in.DialogueID))
		if err != nil {
			return notFound(err, "store: create input: dialogue %s: %w", in.DialogueID)
		}
		if in.WijkID != "" && in.WijkID != d.WijkID {
			return fmt.Errorf("store: create input: dialogue %s: %w", in.DialogueID, wei.ErrNotFound)
		}
		if !d.Open(s.today().Format(dialoog.DateLayout)) {
			return &wei.Error{Code: wei.ECONFLICT, Message: "This dialogue takes no more input.", Fields: wei.FieldErrors{"_": "dialoog.error.closed"}}
		}
		now := s.now().UTC()
		in.ID, in.WijkID, in.CreatedAt = wei.NewID(), d.WijkID, now
		in.OwnerOrgID, in.DueOn = d.OwnerOrgID, dialoog.DueDate(now.In(amsterdam), d.AnswerDays)
		_, err = tx.exec(ctx, `INSERT INTO dialogue_inputs (id, dialogue_id, wijk_id, kind, body, author_user_id, entered_by, on_behalf,
			owner_org_id, due_on, status, answer, answered_at, reminded_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0, 0, ?)`,
			in.ID, in.DialogueID, in.WijkID, in.Kind, in.Body, nullStr(in.AuthorUserID), in.EnteredBy, in.OnBehalf,
			nullStr(in.OwnerOrgID), in.DueOn, in.Status, ms(now))
		if err != nil {
			return mapErr(fmt.Errorf("store: create input: %w", err))
		}
		if err := tx.addHistory(ctx, in.ID, dialoog.Change{Status: in.Status, OwnerOrgID: in.OwnerOrgID, DueOn: in.DueOn}, in.EnteredBy, now); err != nil {
			return err
		}
		if in.OnBehalf {
			// Entered for a resident, who gave consent: logged, as for signals.
			e := privacy.AuditEntry{ActorID: in.EnteredBy, WijkID: in.WijkID, Action: privacy.ActionCreate, SubjectType: "dialogue_input",
				SubjectID: in.ID, Detail: "entered on behalf of a resident, consent recorded"}
			if err := audit(ctx, tx, e); err != nil {
				return err
			}
		}
		if in.AuthorUserID != "" {
			return tx.follow(ctx, in.ID, in.AuthorUserID, now)
		}
		return nil
	})
}

func (tx *Tx) addHistory(ctx context.Context, inputID string, c dialoog.Change, by string, at time.Time) error {
	_, err := tx.exec(ctx, `INSERT INTO dialogue_input_history (id, input_id, status, answer, owner_org_id, due_on, by_user_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, wei.NewID(), inputID, c.Status, c.Answer, nullStr(c.OwnerOrgID), c.DueOn, by, ms(at))
	if err != nil {
		return mapErr(fmt.Errorf("store: input %s history: %w", inputID, err))
	}
	return nil
}

// Input returns one input.
func (s *Store) Input(ctx context.Context, id string) (dialoog.Input, error) {
	in, err := scanInput(s.queryRow(ctx, "SELECT "+inputCols+" FROM dialogue_inputs WHERE id = ?", id))
	return in, notFound(err, "store: input %s: %w", id)
}

// ChangeResult is what ChangeInput did: whether the public answer or the
// status changed, and the e-mail addresses of the followers to tell
// (without the one who made the change).
type ChangeResult struct {
	Changed   bool
	Notify    bool
	Followers []string
}

// ChangeInput sets an input's status, answer, owner and date, and keeps
// the earlier state in the history. A change that changes nothing is not
// recorded. The input must be of wijkID.
func (s *Store) ChangeInput(ctx context.Context, wijkID, inputID string, c dialoog.Change, byUserID string) (ChangeResult, error) {
	var res ChangeResult
	if err := c.Validate(); err != nil {
		return res, err
	}
	err := s.inTx(ctx, func(tx *Tx) error {
		in, err := scanInput(tx.queryRow(ctx, "SELECT "+inputCols+" FROM dialogue_inputs WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), inputID, wijkID))
		if err != nil {
			return notFound(err, "store: change input %s: %w", inputID)
		}
		if err := tx.checkOrgInWijk(ctx, wijkID, c.OwnerOrgID, "owner_org_id"); err != nil {
			return err
		}
		if in.Status == c.Status && in.Answer == c.Answer && in.OwnerOrgID == c.OwnerOrgID && in.DueOn == c.DueOn {
			return nil
		}
		now := s.now().UTC()
		answered := in.AnsweredAt
		if in.Answer != c.Answer || (dialoog.Answered(c.Status) && !dialoog.Answered(in.Status)) {
			answered = now
		}
		_, err = tx.exec(ctx, `UPDATE dialogue_inputs SET status = ?, answer = ?, owner_org_id = ?, due_on = ?, answered_at = ? WHERE id = ?`,
			c.Status, c.Answer, nullStr(c.OwnerOrgID), c.DueOn, ms(answered), inputID)
		if err != nil {
			return mapErr(fmt.Errorf("store: change input %s: %w", inputID, err))
		}
		if err := tx.addHistory(ctx, inputID, c, byUserID, now); err != nil {
			return err
		}
		res.Changed = true
		res.Notify = in.Status != c.Status || in.Answer != c.Answer
		if !res.Notify {
			return nil
		}
		rows, err := tx.query(ctx, `SELECT u.email FROM dialogue_follows f JOIN users u ON u.id = f.user_id
			WHERE f.input_id = ? AND f.user_id <> ? AND u.erased_at = 0 ORDER BY u.email`, inputID, byUserID)
		if err != nil {
			return fmt.Errorf("store: followers of input %s: %w", inputID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				return fmt.Errorf("store: followers of input %s: %w", inputID, err)
			}
			res.Followers = append(res.Followers, e)
		}
		return rows.Err()
	})
	return res, err
}

// InputHistory lists every state of an input's answer, oldest first.
func (s *Store) InputHistory(ctx context.Context, inputID string) ([]dialoog.HistoryEntry, error) {
	rows, err := s.query(ctx, `SELECT id, input_id, status, answer, COALESCE(owner_org_id, ''), due_on, by_user_id, at
		FROM dialogue_input_history WHERE input_id = ? ORDER BY at, id`, inputID)
	if err != nil {
		return nil, fmt.Errorf("store: input %s history: %w", inputID, err)
	}
	defer rows.Close()
	var out []dialoog.HistoryEntry
	for rows.Next() {
		var h dialoog.HistoryEntry
		var at int64
		if err := rows.Scan(&h.ID, &h.InputID, &h.Status, &h.Answer, &h.OwnerOrgID, &h.DueOn, &h.ByUserID, &at); err != nil {
			return nil, fmt.Errorf("store: input %s history: %w", inputID, err)
		}
		h.At = fromMS(at)
		out = append(out, h)
	}
	return out, rows.Err()
}

// AddInputLink links an input to what came of it. Linking the same object
// twice is refused with ECONFLICT.
func (s *Store) AddInputLink(ctx context.Context, l *dialoog.Link) error {
	if err := l.Validate(); err != nil {
		return err
	}
	l.CreatedAt = s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO dialogue_input_links (input_id, kind, target_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			l.InputID, l.Kind, l.TargetID, l.Label, l.CreatedBy, ms(l.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: link input %s: %w", l.InputID, err))
		}
		return nil
	})
}

// InputLinks lists what came of an input, in the order linked.
func (s *Store) InputLinks(ctx context.Context, inputID string) ([]dialoog.Link, error) {
	rows, err := s.query(ctx, `SELECT input_id, kind, target_id, label, created_by, created_at FROM dialogue_input_links
		WHERE input_id = ? ORDER BY created_at, kind, target_id`, inputID)
	if err != nil {
		return nil, fmt.Errorf("store: input %s links: %w", inputID, err)
	}
	defer rows.Close()
	var out []dialoog.Link
	for rows.Next() {
		var l dialoog.Link
		var at int64
		if err := rows.Scan(&l.InputID, &l.Kind, &l.TargetID, &l.Label, &l.CreatedBy, &at); err != nil {
			return nil, fmt.Errorf("store: input %s links: %w", inputID, err)
		}
		l.CreatedAt = fromMS(at)
		out = append(out, l)
	}
	return out, rows.Err()
}

func (tx *Tx) follow(ctx context.Context, inputID, userID string, at time.Time) error {
	q := "INSERT INTO dialogue_follows (input_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
	if _, err := tx.exec(ctx, q, inputID, userID, ms(at)); err != nil {
		return mapErr(fmt.Errorf("store: follow input %s: %w", inputID, err))
	}
	return nil
}

// FollowInput makes a user follow an input (again following is no error);
// UnfollowInput stops it.
func (s *Store) FollowInput(ctx context.Context, inputID, userID string) error {
	return s.inTx(ctx, func(tx *Tx) error { return tx.follow(ctx, inputID, userID, s.now().UTC()) })
}

// UnfollowInput stops a user following an input.
func (s *Store) UnfollowInput(ctx context.Context, inputID, userID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM dialogue_follows WHERE input_id = ? AND user_id = ?", inputID, userID); err != nil {
			return fmt.Errorf("store: unfollow input %s: %w", inputID, err)
		}
		return nil
	})
}

// Follows reports whether a user follows an input.
func (s *Store) Follows(ctx context.Context, inputID, userID string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM dialogue_follows WHERE input_id = ? AND user_id = ?", inputID, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: follows input %s: %w", inputID, err)
	}
	return n > 0, nil
}

// PublicInput is an input as the "u zei, wij deden" page shows it: with
// the dialogue's theme and the owner's name, never the author.
type PublicInput struct {
	dialoog.Input
	DialogueTheme string
	OwnerName     string
}

// InputFilter narrows a list of inputs. Empty fields match everything;
// Overdue keeps the inputs past their date without an answer on Today.
type InputFilter struct {
	DialogueID   string
	Status       string
	AuthorUserID string
	Overdue      bool
	Today        string
}

func (f InputFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.DialogueID != "" {
		conds, args = append(conds, "i.dialogue_id = ?"), append(args, f.DialogueID)
	}
	if f.Status != "" {
		conds, args = append(conds, "i.status = ?"), append(args, f.Status)
	}
	if f.AuthorUserID != "" {
		conds, args = append(conds, "i.author_user_id = ?"), append(args, f.AuthorUserID)
	}
	if f.Overdue {
		conds = append(conds, "i.status IN ('open', 'in_progress') AND i.due_on < ?")
		args = append(args, f.Today)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

// WijkInputs lists a page of the wijk's inputs, newest first, and how many
// match the filter in all.
func (s *Store) WijkInputs(ctx context.Context, wijkID string, f InputFilter, limit, offset int) ([]PublicInput, int, error) {
	cond, args := f.where()
	var total int
	if err := s.queryRow(ctx, "SELECT COUNT(*) FROM dialogue_inputs i WHERE i.wijk_id = ?"+cond, append([]any{wijkID}, args...)...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count inputs: %w", err)
	}
	// The page's ids first, from the index alone, so a deep page skips
	// rows without joining them.
	rows, err := s.query(ctx, `SELECT `+aliasCols("i.", inputCols)+`, d.theme, COALESCE(o.name, '')
		FROM (SELECT i.id FROM dialogue_inputs i WHERE i.wijk_id = ?`+cond+` ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?) pg
		JOIN dialogue_inputs i ON i.id = pg.id JOIN dialogues d ON d.id = i.dialogue_id LEFT JOIN organisations o ON o.id = i.owner_org_id
		ORDER BY i.created_at DESC, i.id DESC`,
		append(append([]any{wijkID}, args...), limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: inputs: %w", err)
	}
	defer rows.Close()
	var out []PublicInput
	for rows.Next() {
		var p PublicInput
		in, err := scanInput(rows, &p.DialogueTheme, &p.OwnerName)
		if err != nil {
			return nil, 0, fmt.Errorf("store: inputs: %w", err)
		}
		p.Input = in
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// InputCounts are the counts of a wijk's inputs per status, with how many
// are overdue on a day.
type InputCounts struct {
	ByStatus map[string]int
	Total    int
	Overdue  int
}

// WijkInputCounts counts the wijk's inputs per status, and those overdue
// on today.
func (s *Store) WijkInputCounts(ctx context.Context, wijkID, today string) (InputCounts, error) {
	c := InputCounts{ByStatus: map[string]int{}}
	rows, err := s.query(ctx, `SELECT status, COUNT(*), SUM(CASE WHEN status IN ('open', 'in_progress') AND due_on < ? THEN 1 ELSE 0 END)
		FROM dialogue_inputs WHERE wijk_id = ? GROUP BY status`, today, wijkID)
	if err != nil {
		return c, fmt.Errorf("store: count inputs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n, late int
		if err := rows.Scan(&st, &n, &late); err != nil {
			return c, fmt.Errorf("store: count inputs: %w", err)
		}
		c.ByStatus[st], c.Total, c.Overdue = n, c.Total+n, c.Overdue+late
	}
	return c, rows.Err()
}

// Reminder is an overdue input whose owner is to be reminded, with the
// addresses to remind: the accounts with a grant for the owner
// organisation, or else the wijk's process managers.
type Reminder struct {
	Input    dialoog.Input
	WijkSlug string
	Owner    string
	To       []string
}

// ClaimReminders finds the overdue inputs of every wijk whose owner needs
// a reminder now, marks them reminded and returns them. Marking is a
// compare-and-set on reminded_at, so two instances never claim the same
// reminder.
func (s *Store) ClaimReminders(ctx context.Context, now time.Time) ([]Reminder, error) {
	today := now.In(amsterdam).Format(dialoog.DateLayout)
	rows, err := s.query(ctx, `SELECT `+aliasCols("i.", inputCols)+`, w.slug, COALESCE(o.name, '')
		FROM dialogue_inputs i JOIN wijken w ON w.id = i.wijk_id LEFT JOIN organisations o ON o.id = i.owner_org_id
		WHERE i.status IN ('open', 'in_progress') AND i.due_on < ? AND i.reminded_at <= ?
		ORDER BY i.created_at, i.id`, today, ms(now.Add(-dialoog.RemindEvery)))
	if err != nil {
		return nil, fmt.Errorf("store: overdue inputs: %w", err)
	}
	var due []Reminder
	for rows.Next() {
		var r Reminder
		in, err := scanInput(rows, &r.WijkSlug, &r.Owner)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: overdue inputs: %w", err)
		}
		r.Input = in
		due = append(due, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("store: overdue inputs: %w", err)
	}
	var out []Reminder
	for _, r := range due {
		if !r.Input.NeedsReminder(now) {
			continue
		}
		claimed := false
		err := s.inTx(ctx, func(tx *Tx) error {
			res, err := tx.exec(ctx, "UPDATE dialogue_inputs SET reminded_at = ? WHERE id = ? AND reminded_at = ?", ms(now), r.Input.ID, ms(r.Input.RemindedAt))
			if err != nil {
				return fmt.Errorf("store: claim reminder %s: %w", r.Input.ID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			claimed = true
			r.To, err = tx.reminderAddresses(ctx, r.Input.WijkID, r.Input.OwnerOrgID)
			return err
		})
		if err != nil {
			return out, err
		}
		if claimed {
			r.Input.RemindedAt = now
			out = append(out, r)
		}
	}
	return out, nil
}

func (tx *Tx) reminderAddresses(ctx context.Context, wijkID, orgID string) ([]string, error) {
	list := func(q string, args ...any) ([]string, error) {
		rows, err := tx.query(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store: reminder addresses: %w", err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var e string
			if err := rows.Scan(&e); err != nil {
				return nil, fmt.Errorf("store: reminder addresses: %w", err)
			}
			out = append(out, e)
		}
		return out, rows.Err()
	}
	var to []string
	var err error
	if orgID != "" {
		to, err = list(`SELECT DISTINCT u.email FROM grants g JOIN users u ON u.id = g.user_id
			WHERE g.wijk_id = ? AND g.organisation_id = ? AND g.role = 'partner' AND u.erased_at = 0 ORDER BY u.email`, wijkID, orgID)
		if err != nil || len(to) > 0 {
			return to, err
		}
	}
	return list(`SELECT DISTINCT u.email FROM grants g JOIN users u ON u.id = g.user_id
		WHERE g.wijk_id = ? AND g.role = 'procesmanager' AND u.erased_at = 0 ORDER BY u.email`, wijkID)
}
