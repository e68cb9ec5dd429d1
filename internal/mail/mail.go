// Package mail sends WEI's e-mail. Every message is first stored in the
// outbox table; with SMTP configured it then goes out and is marked sent,
// without SMTP it stays in the outbox (readable by the site administrator)
// and is written to the log, so a test or demo installation still works.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/store"
)

// Sender sends mail through the outbox.
type Sender struct {
	store *store.Store
	smtp  config.SMTP
	log   *slog.Logger
}

// New returns a Sender.
func New(s *store.Store, c config.SMTP, log *slog.Logger) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{store: s, smtp: c, log: log}
}

// Send stores the message and, when SMTP is configured, delivers it.
// A delivery failure is recorded on the outbox row and logged; it is not
// returned, since the message stays readable in the outbox.
func (m *Sender) Send(ctx context.Context, to, subject, body string) error {
	msg := &store.Mail{To: to, Subject: subject, Body: body}
	if err := m.store.EnqueueMail(ctx, msg); err != nil {
		return err
	}
	if !m.smtp.Enabled() {
		m.log.Info("mail kept in outbox (no SMTP configured)", slog.String("mail_id", msg.ID), slog.String("to", to), slog.String("subject", subject), slog.String("body", body))
		return nil
	}
	sendErr := m.deliver(to, subject, body)
	errText := ""
	if sendErr != nil {
		errText = sendErr.Error()
		m.log.Error("mail delivery failed", slog.String("mail_id", msg.ID), slog.Any("error", sendErr))
	}
	return m.store.MarkMailSent(ctx, msg.ID, errText)
}

func (m *Sender) deliver(to, subject, body string) error {
	addr := net.JoinHostPort(m.smtp.Host, strconv.Itoa(m.smtp.Port))
	var auth smtp.Auth
	if m.smtp.Username != "" {
		auth = smtp.PlainAuth("", m.smtp.Username, m.smtp.Password, m.smtp.Host)
	}
	from := m.smtp.From
	if a, err := parseAddr(from); err == nil {
		from = a
	}
	return smtp.SendMail(addr, auth, from, []string{to}, Compose(m.smtp.From, to, subject, body, time.Now()))
}

// Compose builds an RFC 5322 plain-text UTF-8 message.
func Compose(from, to, subject, body string, at time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\n", at.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@wei>\r\n", wei.NewID())
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))
	return []byte(b.String())
}
