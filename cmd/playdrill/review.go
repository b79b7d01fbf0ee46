package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/review"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// reviewFlags are the flags of `playdrill review`.
type reviewFlags struct {
	apply   bool
	accept  []string
	reject  []string
	point   int
	words   string
	note    string
	force   bool
	format  string
	decided bool
}

func (a *app) reviewCmd() *cobra.Command {
	var o reviewFlags
	cmd := &cobra.Command{
		Use:   "review [--decided] [--apply | --accept ID ... | --reject ID ...]",
		Short: "Review disputed grades; accepted words become alternates in the playbook",
		Long: "review lists the answers reps disputed (\"I said it in other words\"), every rep in the\n" +
			"database, imported ones included, grouped by card with the key points they missed;\n" +
			"--decided adds the disputes decided before, with each decision.\n\n" +
			"--apply goes through them one by one and asks: accept (the rep's words become an\n" +
			"alternate of a missed key point, written into the playbook file, with a backup beside\n" +
			"it and the playbook linted again), reject (the decision is recorded), skip or quit.\n" +
			"It reads one line per answer, so it also works from a script.\n\n" +
			"Without prompts: --accept ID (with --point N when the answer missed several points and\n" +
			"--words TEXT when it is longer than 8 words) and --reject ID (with --note TEXT); IDs\n" +
			"are the first characters of a dispute's id as listed, and both flags repeat.\n\n" +
			"A dispute is not accepted when its card was edited since the answer, or when the\n" +
			"playbook file changed since (--force accepts it anyway when only other parts of the\n" +
			"file changed). Progress is kept: adding an alternate does not mark the card changed.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if o.format != "text" && o.format != "json" {
				return usageErrorf("--format %q: want text or json", o.format)
			}
			acting := o.apply || len(o.accept) > 0 || len(o.reject) > 0
			if acting && o.format != "text" {
				return usageErrorf("--format json lists disputes; it does not go with --apply, --accept or --reject")
			}
			if o.point < 0 {
				return usageErrorf("--point %d: want the number of a key point, from 1", o.point)
			}
			if !acting {
				return a.listDisputes(o)
			}
			if a.playbookSource() == "" {
				return usageErrorf("review edits playbook files: give the playbook with --playbook PATH (the shipped playbook is built into playdrill)")
			}
			return a.withProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
				r, err := newReviewer(a, book, store, o)
				if err != nil {
					return err
				}
				if len(o.accept) > 0 || len(o.reject) > 0 {
					return r.byFlags()
				}
				return r.interactive()
			})
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.apply, "apply", false, "go through the open disputes and accept, reject or skip each")
	f.StringSliceVar(&o.accept, "accept", nil, "accept dispute ID: the rep's words become an alternate of the missed key point")
	f.StringSliceVar(&o.reject, "reject", nil, "reject dispute ID and record the decision")
	f.IntVar(&o.point, "point", 0, "with --accept: the key point N (as numbered in the list) the words go to")
	f.StringVar(&o.words, "words", "", "with --accept: the words TEXT to add (default: the rep's answer, when 8 words or fewer)")
	f.StringVar(&o.note, "note", "", "with --reject: TEXT saying why, recorded with the decision")
	f.BoolVar(&o.force, "force", false, "accept even when the playbook file changed since the dispute (never when the card itself did)")
	f.StringVar(&o.format, "format", "text", "list FORMAT: text or json")
	f.BoolVar(&o.decided, "decided", false, "also list the disputes decided before, with each decision")
	return cmd
}

// disputeStore is the store's disputes, or none for a store without them
// (no database yet).
func disputeStore(store playbook.Store) (playbook.DisputeStore, bool) {
	ds, ok := store.(playbook.DisputeStore)
	return ds, ok
}

// loadReviews reads the disputes and decisions and builds the list.
func loadReviews(book *playbook.Playbook, store playbook.Store) (*review.List, error) {
	ds, ok := disputeStore(store)
	if !ok {
		return review.Build(book, nil, nil), nil
	}
	disputes, err := ds.Disputes()
	if err != nil {
		return nil, err
	}
	reviews, err := ds.Reviews()
	if err != nil {
		return nil, err
	}
	return review.Build(book, disputes, reviews), nil
}

func (a *app) listDisputes(o reviewFlags) error {
	return a.withExistingProgress(func(book *playbook.Playbook, store playbook.Store) error {
		l, err := loadReviews(book, store)
		if err != nil {
			return err
		}
		if !o.decided {
			l.History = nil
		}
		if o.format == "json" {
			return writeDisputesJSON(a.Stdout, l)
		}
		if err := writeDisputes(a.Stdout, l); err != nil {
			return err
		}
		return writeHistory(a.Stdout, l)
	})
}

// writeDisputes prints the open disputes, grouped by card.
func writeDisputes(w io.Writer, l *review.List) error {
	p := &printer{w: w}
	if l.Open == 0 {
		p.line("No open disputes.%s", decidedNote(l))
		return p.err
	}
	p.line("%s on %s from %s.%s Accept or reject them with 'playdrill review --apply'.",
		words.Count(l.Open, "open dispute"), words.Count(len(l.Groups), "card"), words.Count(len(l.Reps), "rep"), decidedNote(l))
	for _, g := range l.Groups {
		p.line("")
		writeCard(p, g.CardID, g.Card)
		for _, it := range g.Items {
			writeItem(p, it)
		}
	}
	return p.err
}

// writeHistory prints the decided disputes with their decisions.
func writeHistory(w io.Writer, l *review.List) error {
	if len(l.History) == 0 {
		return nil
	}
	p := &printer{w: w}
	p.line("")
	p.line("Decided:")
	for _, h := range l.History {
		d, r := h.Dispute, h.Review
		p.line("  [%s] %s on %s: %s", review.ShortID(d.ID), safe.Text(d.Rep), safe.Text(d.Card), oneLine(d.Response))
		what := fmt.Sprintf("%s by %s, %s", r.Verdict, safe.Text(r.Reviewer), r.At.Format("2006-01-02 15:04"))
		if r.Verdict == playbook.ReviewAccepted {
			what += fmt.Sprintf(": %q added to %q", safe.Text(r.Words), safe.Text(r.Point))
		}
		if r.Note != "" {
			what += ": " + oneLine(r.Note)
		}
		p.line("    %s", what)
	}
	return p.err
}

func decidedNote(l *review.List) string {
	if l.Decided == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s decided before.)", words.Count(l.Decided, "dispute"))
}

// writeCard prints a card's id, kind, place, question and key points.
func writeCard(p *printer, id string, c *playbook.Card) {
	if c == nil {
		p.line("%s (no longer in the playbook)", safe.Text(id))
		return
	}
	p.line("%s [%s] %s:%d", safe.Text(c.ID), c.Kind, safe.Text(c.Pos.File), c.Pos.Line)
	p.line("  %s", oneLine(c.Prompt))
	var pts []string
	for i, k := range c.MustMention {
		pts = append(pts, fmt.Sprintf("%d) %s", i+1, safe.Text(k.String())))
	}
	if len(pts) > 0 {
		p.line("  Key points: %s", strings.Join(pts, "; "))
	}
}

// writeItem prints one dispute: who, when, the grade, the answer and the
// points missed.
func writeItem(p *printer, it review.Item) {
	d := it.Dispute
	how := "rated " + d.Rating.String() + ", suggested " + d.Suggested.String()
	if d.Asked {
		how = "disputed on purpose"
	}
	p.line("  [%s] %s, %s: %.0f%%, %s", it.ShortID(), safe.Text(d.Rep), d.At.Format("2006-01-02 15:04"), d.Score*100, how)
	p.line("    Answer: %s", oneLine(d.Response))
	var missed []string
	if it.Card != nil {
		for _, i := range it.Points {
			missed = append(missed, fmt.Sprintf("%d) %s", i+1, safe.Text(it.Card.MustMention[i].String())))
		}
	} else {
		for _, m := range d.Missed {
			missed = append(missed, safe.Text(m))
		}
	}
	p.line("    Missed: %s", strings.Join(missed, "; "))
	if it.Stale != "" {
		p.line("    Cannot be accepted: %s.", it.Stale)
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(safe.Text(s)), " ")
}

// disputeJSON is one dispute in `review --format json`.
type disputeJSON struct {
	ID        string   `json:"id"`
	Rep       string   `json:"rep"`
	At        string   `json:"at"`
	Response  string   `json:"response"`
	Score     float64  `json:"score"`
	Suggested int      `json:"suggested"`
	Rating    int      `json:"rating"`
	Asked     bool     `json:"asked"`
	Missed    []string `json:"missed"`
	Points    []int    `json:"points"`
	Stale     string   `json:"stale,omitempty"`
}

type cardDisputesJSON struct {
	Card     string        `json:"card"`
	Kind     string        `json:"kind,omitempty"`
	Prompt   string        `json:"prompt,omitempty"`
	File     string        `json:"file,omitempty"`
	Line     int           `json:"line,omitempty"`
	Points   []string      `json:"points,omitempty"`
	Gone     bool          `json:"gone,omitempty"`
	Disputes []disputeJSON `json:"disputes"`
}

func writeDisputesJSON(w io.Writer, l *review.List) error {
	type decisionJSON struct {
		Dispute  string `json:"dispute"`
		Rep      string `json:"rep"`
		Card     string `json:"card"`
		Response string `json:"response"`
		Verdict  string `json:"verdict"`
		Reviewer string `json:"reviewer"`
		At       string `json:"at"`
		Point    string `json:"point,omitempty"`
		Words    string `json:"words,omitempty"`
		Note     string `json:"note,omitempty"`
	}
	out := struct {
		Open    int                `json:"open"`
		Decided int                `json:"decided"`
		Cards   []cardDisputesJSON `json:"cards"`
		History []decisionJSON     `json:"history,omitempty"`
	}{Open: l.Open, Decided: l.Decided, Cards: []cardDisputesJSON{}}
	for _, h := range l.History {
		d, r := h.Dispute, h.Review
		out.History = append(out.History, decisionJSON{Dispute: d.ID, Rep: d.Rep, Card: d.Card, Response: d.Response, Verdict: r.Verdict,
			Reviewer: r.Reviewer, At: r.At.Format(time.RFC3339), Point: r.Point, Words: r.Words, Note: r.Note})
	}
	for _, g := range l.Groups {
		cj := cardDisputesJSON{Card: g.CardID, Gone: g.Card == nil, Disputes: []disputeJSON{}}
		if c := g.Card; c != nil {
			cj.Kind, cj.Prompt, cj.File, cj.Line = string(c.Kind), c.Prompt, c.Pos.File, c.Pos.Line
			for _, k := range c.MustMention {
				cj.Points = append(cj.Points, k.String())
			}
		}
		for _, it := range g.Items {
			d := it.Dispute
			dj := disputeJSON{ID: d.ID, Rep: d.Rep, At: d.At.Format(time.RFC3339), Response: d.Response, Score: d.Score,
				Suggested: int(d.Suggested), Rating: int(d.Rating), Asked: d.Asked, Missed: d.Missed, Points: []int{}, Stale: it.Stale}
			if dj.Missed == nil {
				dj.Missed = []string{}
			}
			for _, i := range it.Points {
				dj.Points = append(dj.Points, i+1)
			}
			cj.Disputes = append(cj.Disputes, dj)
		}
		out.Cards = append(out.Cards, cj)
	}
	enc := safe.NewJSONEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// printer writes lines, keeping the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// reviewer accepts and rejects disputes against the playbook on disk.
type reviewer struct {
	a       *app
	o       reviewFlags
	ds      playbook.DisputeStore
	book    *playbook.Playbook
	list    *review.List
	dir     string // the folder the playbook's file names are relative to
	out     *printer
	in      *bufio.Reader
	refused int
}

func newReviewer(a *app, book *playbook.Playbook, store playbook.Store, o reviewFlags) (*reviewer, error) {
	ds, ok := disputeStore(store)
	if !ok {
		return nil, errors.New("this progress database keeps no disputes")
	}
	abs, err := filepath.Abs(a.playbookSource())
	if err != nil {
		return nil, err
	}
	r := &reviewer{a: a, o: o, ds: ds, book: book, dir: filepath.Dir(abs), out: &printer{w: a.Stdout}}
	if a.Stdin != nil {
		r.in = bufio.NewReader(a.Stdin)
	}
	return r, r.reload()
}

// reload reads the playbook and the disputes again (after an edit).
func (r *reviewer) reload() error {
	book, diags, err := loadPath(r.a.playbookSource())
	if err != nil {
		return err
	}
	if markdown.HasErrors(diags) {
		return fmt.Errorf("the playbook has errors; run 'playdrill lint' and fix them before reviewing")
	}
	r.book = book
	reviews, err := r.ds.Reviews()
	if err != nil {
		return err
	}
	disputes, err := r.ds.Disputes()
	if err != nil {
		return err
	}
	r.list = review.Build(book, disputes, reviews)
	return nil
}

// byFlags applies --accept and --reject; every refusal is said and makes
// the exit status 1, the others still go ahead.
func (r *reviewer) byFlags() error {
	for _, id := range r.o.reject {
		it, err := r.list.Find(id)
		if err == nil {
			err = r.reject(it, r.o.note)
		}
		r.report(id, err)
	}
	for _, id := range r.o.accept {
		it, err := r.list.Find(id)
		if err == nil {
			err = r.accept(it, r.o.point-1, r.o.words)
		}
		r.report(id, err)
	}
	if r.refused > 0 {
		return silentExit(exitFailure)
	}
	return r.out.err
}

func (r *reviewer) report(id string, err error) {
	if err != nil {
		r.refused++
		fmt.Fprintf(r.a.Stderr, "playdrill: dispute %s not decided: %s\n", safe.Text(id), safe.Text(err.Error()))
	}
}

// interactive asks about each open dispute in turn.
func (r *reviewer) interactive() error {
	items := r.list.Items()
	if len(items) == 0 {
		r.out.line("No open disputes.")
		return r.out.err
	}
	accepted, rejected, skipped := 0, 0, 0
	for n, first := range items {
		it, err := r.list.Find(first.Dispute.ID) // the list is rebuilt after each edit
		if err != nil {
			continue
		}
		r.out.line("")
		r.out.line("Dispute %d of %d:", n+1, len(items))
		writeCard(r.out, it.Dispute.Card, it.Card)
		writeItem(r.out, it)
		choice, ok := r.ask("Accept, reject, skip or quit? [a/r/s/q]:", func(s string) bool {
			return s == "a" || s == "r" || s == "s" || s == "q"
		})
		if !ok || choice == "q" {
			break
		}
		switch choice {
		case "s":
			skipped++
		case "r":
			note, ok := r.ask("Why (optional, Enter to leave it out):", func(string) bool { return true })
			if !ok {
				break
			}
			if err := r.reject(it, note); err != nil {
				r.refused++
				r.out.line("Not rejected: %s", safe.Text(err.Error()))
				continue
			}
			rejected++
		case "a":
			if err := r.acceptAsking(it); err != nil {
				r.refused++
				r.out.line("Not accepted: %s", safe.Text(err.Error()))
				continue
			}
			accepted++
		}
	}
	r.out.line("")
	r.out.line("Accepted %d, rejected %d, skipped %d, refused %d.", accepted, rejected, skipped, r.refused)
	if r.refused > 0 {
		return silentExit(exitFailure)
	}
	return r.out.err
}

// acceptAsking asks which point and which words, then accepts.
func (r *reviewer) acceptAsking(it review.Item) error {
	if it.Stale != "" {
		return errors.New(it.Stale)
	}
	point := it.Points[0]
	if len(it.Points) > 1 {
		nums := make([]string, len(it.Points))
		for i, p := range it.Points {
			nums[i] = strconv.Itoa(p + 1)
		}
		ans, ok := r.ask(fmt.Sprintf("Add the words to key point [%s, Enter=%d]:", strings.Join(nums, "/"), point+1), func(s string) bool {
			if s == "" {
				return true
			}
			n, err := strconv.Atoi(s)
			return err == nil && contains(it.Points, n-1)
		})
		if !ok {
			return errors.New("no answer")
		}
		if ans != "" {
			point, _ = strconv.Atoi(ans)
			point--
		}
	}
	def := review.DefaultWords(it.Dispute)
	prompt := fmt.Sprintf("Words to add to %q:", it.Card.MustMention[point].String())
	if def != "" {
		prompt = fmt.Sprintf("Words to add to %q [Enter = %q]:", it.Card.MustMention[point].String(), def)
	}
	w, ok := r.ask(safe.Text(prompt), func(s string) bool { return s != "" || def != "" })
	if !ok {
		return errors.New("no answer")
	}
	if w == "" {
		w = def
	}
	return r.accept(it, point, w)
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// ask prints prompt and reads a line until valid accepts it; false at
// the end of input.
func (r *reviewer) ask(prompt string, valid func(string) bool) (string, bool) {
	for {
		r.out.line("%s", prompt)
		if r.in == nil {
			return "", false
		}
		line, err := r.in.ReadString('\n')
		if err != nil && line == "" {
			return "", false
		}
		line = strings.TrimSpace(line)
		if valid(strings.ToLower(line)) {
			if len(line) == 1 {
				line = strings.ToLower(line)
			}
			return line, true
		}
		if err != nil {
			return "", false
		}
		r.out.line("Please answer one of the choices shown.")
	}
}

// reject records the decision not to accept a dispute.
func (r *reviewer) reject(it review.Item, note string) error {
	rv := playbook.Review{ID: uuid.NewString(), Dispute: it.Dispute.ID, Card: it.Dispute.Card, Hash: it.Dispute.Hash,
		Reviewer: r.a.repName(), At: time.Now().Round(0), Verdict: playbook.ReviewRejected, Note: strings.TrimSpace(note)}
	if _, err := r.ds.AddReview(rv); err != nil {
		return err
	}
	r.out.line("Rejected %s (%s on %s).", it.ShortID(), safe.Text(it.Dispute.Rep), safe.Text(it.Dispute.Card))
	return r.reload()
}

// accept adds words as an alternate of key point point (0-based; -1: the
// only point missed) of the dispute's card, in the playbook file: after
// checking that neither the card nor the file changed since the dispute,
// and that the edited playbook lints as cleanly as before, it keeps a
// backup beside the file, writes it, records the decision and lints the
// playbook again. Nothing changes when any check fails.
func (r *reviewer) accept(it review.Item, point int, text string) error {
	if it.Stale != "" {
		return errors.New(it.Stale + "; nothing changed")
	}
	c := it.Card
	switch {
	case point < 0 && len(it.Points) == 1:
		point = it.Points[0]
	case point < 0:
		return fmt.Errorf("the answer missed %s: choose one with --point (%s)", words.Count(len(it.Points), "key point"), pointChoices(c, it.Points))
	case point >= len(c.MustMention):
		return fmt.Errorf("--point %d: card %s has %s", point+1, c.ID, words.Count(len(c.MustMention), "key point"))
	}
	if strings.TrimSpace(text) == "" {
		text = review.DefaultWords(it.Dispute)
		if text == "" {
			return fmt.Errorf("the answer is longer than %d words: give the words that make the point with --words", review.MaxDefaultWords)
		}
	}
	path := filepath.Join(r.dir, filepath.FromSlash(c.Pos.File))
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sum := markdown.Sum(old)
	if sum != r.book.Sums[c.Pos.File] {
		return fmt.Errorf("%s changed while reviewing; nothing changed (run review again)", safe.Text(path))
	}
	if !r.list.FileCurrent(it.Dispute, sum) && !r.o.force {
		return fmt.Errorf("%s changed since the dispute was made on %s (the card itself did not); nothing changed. Use --force to add the words anyway",
			safe.Text(path), it.Dispute.At.Format("2006-01-02 15:04"))
	}
	edited, err := markdown.AddAlternate(old, c, point, text)
	if err != nil {
		return err
	}
	after, err := r.checkEdit(c, point, path, edited)
	if err != nil {
		return err
	}
	backup, err := writeWithBackup(path, old, edited)
	if err != nil {
		return err
	}
	rv := playbook.Review{ID: uuid.NewString(), Dispute: it.Dispute.ID, Card: c.ID, Hash: c.Hash, Reviewer: r.a.repName(),
		At: time.Now().Round(0), Verdict: playbook.ReviewAccepted, Point: c.MustMention[point].String(), Words: strings.TrimSpace(text),
		NewHash: after.Hash, File: c.Pos.File, FileBefore: sum, FileAfter: markdown.Sum(edited)}
	if _, err := r.ds.AddReview(rv); err != nil {
		// Without the record the edit would look like someone else's:
		// put the file back as it was.
		if werr := writeWhole(path, atomicfile.Replace, 0o600, old); werr != nil {
			return fmt.Errorf("recording the decision: %v; and putting %s back: %v (the backup is %s)", err, path, werr, backup)
		}
		_ = os.Remove(backup)
		return fmt.Errorf("recording the decision: %w; %s is as it was", err, path)
	}
	r.keepProgress(c, after, rv)
	r.out.line("Accepted %s: %q is now an alternate of %q in %s:%d (backup: %s).", it.ShortID(), safe.Text(rv.Words), safe.Text(rv.Point),
		safe.Text(path), c.Pos.Line, safe.Text(filepath.Base(backup)))
	if err := r.reload(); err != nil {
		return err
	}
	r.relint()
	return nil
}

// keepProgress records that the card with the words added is the card it
// was, so no rep sees it as changed, whatever this database saw of it
// before. Failing to is harmless: the next drill decides the same from
// the card's content as last seen.
func (r *reviewer) keepProgress(before, after *playbook.Card, rv playbook.Review) {
	is, ok := r.ds.(playbook.IdentityStore)
	if !ok {
		return
	}
	_ = is.SaveIdentity([]*playbook.Card{after}, []playbook.Identity{{Kind: playbook.IdentityMinor, From: before.ID, FromHash: before.Hash,
		To: after.ID, ToHash: after.Hash, Similarity: 1, Why: "alternate added by review", At: rv.At}})
}

func pointChoices(c *playbook.Card, points []int) string {
	var out []string
	for _, p := range points {
		out = append(out, fmt.Sprintf("%d) %s", p+1, c.MustMention[p].String()))
	}
	return strings.Join(out, ", ")
}

// checkEdit loads the playbook with the edited file in place of path and
// checks the edit did what it should and nothing else: no new lint error,
// the card has the words as an alternate, every other card is unchanged.
// It returns the edited card.
func (r *reviewer) checkEdit(c *playbook.Card, point int, path string, edited []byte) (*playbook.Card, error) {
	src, err := filepath.Abs(r.a.playbookSource())
	if err != nil {
		return nil, err
	}
	fsys := overlayFS{FS: os.DirFS(r.dir), name: filepath.ToSlash(c.Pos.File), data: edited}
	book, diags, err := markdown.Load(fsys, filepath.Base(src))
	if err != nil {
		return nil, err
	}
	before := countErrors(modelAnswerDiagnostics(r.book))
	if n := countErrors(diags) + countErrors(modelAnswerDiagnostics(book)); n > before {
		return nil, fmt.Errorf("with the words added, %s would not lint clean (%s); nothing changed", safe.Text(path), words.Count(n-before, "new error"))
	}
	after, ok := book.Card(c.ID)
	if !ok || point >= len(after.MustMention) || len(after.MustMention[point].Alternates) != len(c.MustMention[point].Alternates)+1 {
		return nil, fmt.Errorf("the edit of %s did not read back as planned; nothing changed", safe.Text(path))
	}
	for _, o := range r.book.Cards() {
		if o.ID == c.ID {
			continue
		}
		if n, ok := book.Card(o.ID); !ok || n.Hash != o.Hash {
			return nil, fmt.Errorf("the edit of %s would change card %s too; nothing changed", safe.Text(path), safe.Text(o.ID))
		}
	}
	return after, nil
}

// relint lints the playbook as written and says what it found: errors
// in full, warnings by count.
func (r *reviewer) relint() {
	book, diags, err := loadPath(r.a.playbookSource())
	if err != nil {
		r.out.line("Lint: %s", safe.Text(err.Error()))
		return
	}
	diags = append(diags, modelAnswerDiagnostics(book)...)
	errs := countErrors(diags)
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			r.out.line("Lint: %s", safe.Text(d.String()))
		}
	}
	switch warns := len(diags) - errs; {
	case errs > 0:
		r.out.line("Lint: %s; run 'playdrill lint'.", words.Count(errs, "error"))
	case warns > 0:
		r.out.line("Lint: no errors (%s; run 'playdrill lint').", words.Count(warns, "warning"))
	default:
		r.out.line("Lint: no errors.")
	}
}

// writeWithBackup keeps old beside path as a backup that replaces nothing
// (path.bak, else path.bak.1, ...), then replaces path with data through
// a temporary file, keeping its mode. It refuses when path no longer
// holds old. It returns the backup's path.
func writeWithBackup(path string, old, data []byte) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	perm := info.Mode().Perm()
	backup := path + ".bak"
	for i := 1; ; i++ {
		err := writeWhole(backup, atomicfile.Create, perm, old)
		if errors.Is(err, fs.ErrExist) {
			backup = fmt.Sprintf("%s.bak.%d", path, i)
			continue
		}
		if err != nil {
			return "", fmt.Errorf("backup of %s: %w", path, err)
		}
		break
	}
	f, err := atomicfile.New(path, atomicfile.Replace, perm)
	if err == nil {
		_, err = f.Write(data)
		if err == nil {
			if now, rerr := os.ReadFile(path); rerr != nil || string(now) != string(old) {
				err = fmt.Errorf("%s changed while reviewing; nothing changed", path)
			}
		}
		if err == nil {
			err = f.Commit()
		} else {
			f.Abort()
		}
	}
	if err != nil {
		_ = os.Remove(backup)
		return "", err
	}
	return backup, nil
}

// writeWhole writes data to path in one step, in mode.
func writeWhole(path string, mode atomicfile.Mode, perm fs.FileMode, data []byte) error {
	return atomicfile.Write(path, mode, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// overlayFS is a file system with one file's content replaced.
type overlayFS struct {
	fs.FS
	name string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name != o.name {
		return o.FS.Open(name)
	}
	f, err := o.FS.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	_ = f.Close()
	if err != nil {
		return nil, err
	}
	return &memFile{info: info, data: o.data}, nil
}

// memFile is an open file held in memory, with another file's details.
type memFile struct {
	info fs.FileInfo
	data []byte
	off  int
}

func (m *memFile) Stat() (fs.FileInfo, error) { return sizedInfo{m.info, int64(len(m.data))}, nil }
func (m *memFile) Close() error               { return nil }
func (m *memFile) Read(p []byte) (int, error) {
	if m.off >= len(m.data) {
		return 0, io.EOF
	}
	n := copy(p, m.data[m.off:])
	m.off += n
	return n, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }
