// Command thesaurusgen builds playdrill's built-in thesaurus: it reads the
// senses a curated word list picks from WordNet 3.0's database and the
// list's own hand-written families, and writes internal/grade/thesaurus.txt,
// which is embedded in the binary. It is run by hand when the list changes
// (its output is committed):
//
//	go run ./internal/grade/thesaurusgen -wordnet /usr/share/wordnet
//
// WordNet 3.0 (Princeton University) may be copied and redistributed
// under its licence; Debian ships the database as wordnet-base.
//
// A `wn WORD POS SENSE...` line takes the synonyms of WORD's numbered
// senses (1 is the most frequent), keeping only the words for which that
// sense is one of their two most frequent: "outcome" joins "result" (its
// main sense), "client" joins "customer" (its second), "termination" does
// not. `-dump WORD`
// prints every sense of a word to choose from.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// posFile maps the list's part-of-speech letters to WordNet's file names.
var posFile = map[string]string{"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

// wordnet reads WordNet's index and data files for one part of speech at a time.
type wordnet struct {
	dir   string
	index map[string]map[string][]int64 // pos -> lemma -> synset offsets in sense order
	data  map[string]*os.File
	exc   map[string][]string // base form -> inflected forms (verbs and nouns)
}

func openWordnet(dir string) (*wordnet, error) {
	wn := &wordnet{dir: dir, index: map[string]map[string][]int64{}, data: map[string]*os.File{}, exc: map[string][]string{}}
	for pos, name := range posFile {
		idx, err := readIndex(filepath.Join(dir, "index."+name))
		if err != nil {
			return nil, err
		}
		wn.index[pos] = idx
		f, err := os.Open(filepath.Join(dir, "data."+name))
		if err != nil {
			return nil, err
		}
		wn.data[pos] = f
	}
	for _, name := range []string{"verb.exc", "noun.exc"} {
		if err := wn.readExceptions(filepath.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	return wn, nil
}

// readIndex reads an index file: lemma pos synset_cnt p_cnt [ptr...]
// sense_cnt tagsense_cnt offset...
func readIndex(path string) (map[string][]int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]int64{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // licence header
		}
		fs := strings.Fields(line)
		if len(fs) < 6 {
			continue
		}
		synsets, _ := strconv.Atoi(fs[2])
		ptrs, _ := strconv.Atoi(fs[3])
		offs := fs[4+ptrs+2:]
		if len(offs) != synsets {
			return nil, fmt.Errorf("%s: bad line %q", path, line)
		}
		for _, o := range offs {
			n, err := strconv.ParseInt(o, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: bad offset in %q", path, line)
			}
			out[fs[0]] = append(out[fs[0]], n)
		}
	}
	return out, sc.Err()
}

func (wn *wordnet) readExceptions(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		for _, base := range fs[1:] {
			wn.exc[base] = append(wn.exc[base], fs[0])
		}
	}
	return sc.Err()
}

// synset returns the words of the synset at offset in pos's data file and
// its gloss.
func (wn *wordnet) synset(pos string, off int64) ([]string, string, error) {
	f := wn.data[pos]
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, "", err
	}
	gloss := ""
	if i := strings.Index(line, " | "); i >= 0 {
		gloss = strings.TrimSpace(line[i+3:])
		line = line[:i]
	}
	fs := strings.Fields(line)
	n, err := strconv.ParseInt(fs[3], 16, 32)
	if err != nil {
		return nil, "", fmt.Errorf("data.%s at %d: %v", posFile[pos], off, err)
	}
	var words []string
	for i := 0; i < int(n); i++ {
		w := fs[4+2*i]
		if j := strings.IndexByte(w, '('); j >= 0 {
			w = w[:j] // adjective markers such as "(a)"
		}
		words = append(words, strings.ToLower(w))
	}
	return words, gloss, nil
}

// list is the curated word list.
type list struct {
	senses   []sense
	families [][]string
	exclude  map[string]bool
}

type sense struct {
	word, pos string
	n         []int
	line      int
}

func readList(path string) (*list, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := &list{exclude: map[string]bool{}}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "":
		case strings.HasPrefix(line, "wn "):
			fs := strings.Fields(line[3:])
			if len(fs) < 2 || posFile[fs[1]] == "" {
				return nil, fmt.Errorf("%s:%d: want `wn WORD POS [SENSE...]`", path, n)
			}
			s := sense{word: fs[0], pos: fs[1], line: n}
			for _, x := range fs[2:] {
				k, err := strconv.Atoi(x)
				if err != nil || k < 1 {
					return nil, fmt.Errorf("%s:%d: sense %q is not a number from 1", path, n, x)
				}
				s.n = append(s.n, k)
			}
			if len(s.n) == 0 {
				s.n = []int{1}
			}
			l.senses = append(l.senses, s)
		case strings.HasPrefix(line, "= "):
			var fam []string
			for t := range strings.SplitSeq(line[2:], "|") {
				if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
					fam = append(fam, t)
				}
			}
			if len(fam) < 2 {
				return nil, fmt.Errorf("%s:%d: a family needs two terms or more", path, n)
			}
			l.families = append(l.families, fam)
		case strings.HasPrefix(line, "- "):
			l.exclude[strings.ToLower(strings.TrimSpace(line[2:]))] = true
		default:
			return nil, fmt.Errorf("%s:%d: a line is `wn WORD POS SENSE...`, `= TERM | TERM ...` or `- WORD`", path, n)
		}
	}
	return l, sc.Err()
}

// family builds the synonyms of one sense: the synset's words whose own
// first sense is this synset.
func (wn *wordnet) family(s sense, exclude map[string]bool) ([]string, error) {
	key := strings.ReplaceAll(s.word, " ", "_")
	offs := wn.index[s.pos][key]
	fam := []string{s.word}
	for _, k := range s.n {
		if k > len(offs) {
			return nil, fmt.Errorf("line %d: %s (%s) has %d senses, not %d", s.line, s.word, s.pos, len(offs), k)
		}
		words, _, err := wn.synset(s.pos, offs[k-1])
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			if exclude[strings.ReplaceAll(w, "_", " ")] || strings.Count(w, "_") > 2 {
				continue
			}
			if own := wn.index[s.pos][w]; !slices.Contains(own[:min(2, len(own))], offs[k-1]) {
				continue // its main meanings are other ones
			}
			fam = append(fam, strings.ReplaceAll(w, "_", " "))
		}
	}
	rest := slices.DeleteFunc(fam[1:], func(w string) bool { return w == s.word })
	slices.Sort(rest)
	return append(fam[:1], slices.Compact(rest)...), nil
}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database `folder`")
	in := flag.String("list", "internal/grade/thesaurus.in", "curated word `list`")
	out := flag.String("o", "internal/grade/thesaurus.txt", "output `file`")
	dump := flag.String("dump", "", "print every sense of `WORD` and exit")
	flag.Parse()
	wn, err := openWordnet(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "thesaurusgen:", err)
		os.Exit(1)
	}
	if *dump != "" {
		for _, pos := range []string{"n", "v", "a", "r"} {
			for k, off := range wn.index[pos][strings.ReplaceAll(*dump, " ", "_")] {
				words, gloss, _ := wn.synset(pos, off)
				fmt.Printf("%s %d: %s -- %s\n", pos, k+1, strings.Join(words, ", "), gloss)
			}
		}
		return
	}
	if err := run(wn, *in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "thesaurusgen:", err)
		os.Exit(1)
	}
}

func run(wn *wordnet, in, out string) error {
	l, err := readList(in)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# Generated by thesaurusgen from WordNet 3.0 and thesaurus.in; do not edit.\n")
	b.WriteString("# WordNet 3.0 is copyright 2006 by Princeton University, used under its licence:\n")
	b.WriteString("# https://wordnet.princeton.edu/license-and-commercial-use\n")
	b.WriteString("# A line is a family of terms that mean the same in a sales answer;\n")
	b.WriteString("# `~ FORM BASE` maps an irregular form to its base word.\n")
	words := map[string]bool{}
	for _, s := range l.senses {
		fam, err := wn.family(s, l.exclude)
		if err != nil {
			return err
		}
		if len(fam) < 2 {
			fmt.Fprintf(os.Stderr, "thesaurusgen: line %d: %s (%s) has no synonym that keeps its meaning\n", s.line, s.word, s.pos)
			continue
		}
		b.WriteString(strings.Join(fam, "|") + "\n")
		for _, w := range fam {
			words[w] = true
		}
	}
	for _, fam := range l.families {
		b.WriteString(strings.Join(fam, "|") + "\n")
		for _, t := range fam {
			for w := range strings.FieldsSeq(t) {
				words[w] = true
			}
		}
	}
	var forms []string
	for w := range words {
		for _, f := range wn.exc[strings.ReplaceAll(w, " ", "_")] {
			if !strings.Contains(f, "_") && f != w && !l.exclude[f] {
				forms = append(forms, "~ "+f+" "+w)
			}
		}
	}
	slices.Sort(forms)
	for _, f := range slices.Compact(forms) {
		b.WriteString(f + "\n")
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}
