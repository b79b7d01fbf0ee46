package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/atomicfile"
	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/records"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

func (a *app) importCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE ...",
		Short: "Merge JSON-lines exports from other machines into this database",
		Long: "import merges files written by 'playdrill export --format jsonl'. Each file is\n" +
			"imported whole or not at all: a bad line is reported as FILE:LINE and nothing of\n" +
			"that file is imported. Attempts already in the database are skipped, so importing\n" +
			"a file twice changes nothing. Each rep's schedule and step completions are then\n" +
			"rebuilt from all of the rep's attempts in time order, on the current playbook.",
		Args: func(_ *cobra.Command, files []string) error {
			if len(files) == 0 {
				return usageErrorf("import needs one or more FILEs written by 'playdrill export --format jsonl'")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, files []string) error {
			return a.withProgress(func(book *playbook.Playbook, store *boltdb.DB) error {
				im := &records.Importer{Book: book, Store: store}
				failed := 0
				for _, name := range files {
					if err := a.importFile(im, name); err != nil {
						failed++
						fmt.Fprintln(a.Stderr, safe.Text(err.Error()))
						fmt.Fprintf(a.Stderr, "%s: nothing imported\n", safe.Text(name))
					}
				}
				if failed > 0 {
					return silentExit(exitFailure)
				}
				return nil
			})
		},
	}
}

func (a *app) importFile(im *records.Importer, name string) error {
	f, err := openExport(name)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("playdrill: %s: %v", safe.Text(name), pe.Err)
		}
		return fmt.Errorf("playdrill: %v", err)
	}
	defer f.Close()
	parsed, err := records.ParseExport(name, f)
	if err != nil {
		return err
	}
	res, err := im.Import(parsed)
	if err != nil {
		return fmt.Errorf("playdrill: %v", err)
	}
	reps := "no reps"
	if len(res.Reps) > 0 {
		// Rep names come from the file: never print them raw.
		names := make([]string, len(res.Reps))
		for i, r := range res.Reps {
			names[i] = safe.Text(r)
		}
		reps = "reps: " + strings.Join(names, ", ")
	}
	fmt.Fprintf(a.Stdout, "%s: %s, %d new, %d already here (%s)\n",
		name, words.Count(res.Attempts, "attempt"), res.New, res.Attempts-res.New, reps)
	a.printImportNotes(res)
	return nil
}

// openExport opens an export file to read. A named pipe, socket or device
// is refused by name before it is opened: reading one could block for ever
// while the database is locked.
func openExport(name string) (*os.File, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if what := atomicfile.Kind(info.Mode()); what != "" {
		return nil, fmt.Errorf("%s is %s, not an export file; import reads files written by 'playdrill export'", safe.Text(name), what)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	// The name may have been swapped for a pipe since the check.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file, not an export file", safe.Text(name))
	}
	return f, nil
}

// printImportNotes says what an import did besides attempts: feedback,
// disputes and reviews merged, and attempts on cards the playbook lacks.
func (a *app) printImportNotes(res records.ImportResult) {
	for _, n := range []struct {
		what     string
		all, new int
	}{{"feedback note", res.Feedback, res.NewFeedback}, {"dispute", res.Disputes, res.NewDisputes}, {"review", res.Reviews, res.NewReviews}} {
		if n.all > 0 {
			fmt.Fprintf(a.Stdout, "  %s, %d new\n", words.Count(n.all, n.what), n.new)
		}
	}
	if n := len(res.Conflicts); n > 0 {
		ids := make([]string, 0, min(n, 5))
		for _, id := range res.Conflicts[:min(n, 5)] {
			ids = append(ids, safe.Text(id))
		}
		more := ""
		if n > 5 {
			more = fmt.Sprintf(" and %d more", n-5)
		}
		fmt.Fprintf(a.Stderr, "playdrill: %s: %s already recorded with other content; the recorded ones are kept: %s%s\n",
			safe.Text(res.File), words.Count(n, "attempt"), strings.Join(ids, ", "), more)
	}
	if len(res.Unknown) == 0 {
		return
	}
	ids := make([]string, 0, len(res.Unknown))
	total := 0
	for id, n := range res.Unknown {
		ids = append(ids, id)
		total += n
	}
	sort.Strings(ids)
	shown := ids
	if len(shown) > 10 {
		shown = shown[:10]
	}
	parts := make([]string, len(shown))
	for i, id := range shown {
		parts[i] = fmt.Sprintf("%s (%d)", safe.Text(id), res.Unknown[id])
	}
	more := ""
	if len(ids) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(ids)-len(shown))
	}
	fmt.Fprintf(a.Stdout, "  %s on %s this playbook does not have, imported all the same: %s%s\n",
		words.Count(total, "attempt"), words.Count(len(ids), "card"), strings.Join(parts, ", "), more)
}
