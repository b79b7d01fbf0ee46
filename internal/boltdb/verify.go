package boltdb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// verifyFile walks the page tree of the bbolt file at path with bounds
// checks of its own before bbolt reads it. bbolt trusts the page numbers
// it finds: a damaged one makes it read outside the file (a memory fault,
// even inside its own consistency check's goroutine, where nothing can
// recover it) or follow a loop forever. The walk checks that the meta page
// is sound, that every page reached lies inside the file and below the
// high-water mark, is of the kind expected, is reached once only, and that
// every element lies inside its page; so that bbolt, and its check, can
// then read the file safely.
//
// Without full, only the meta pages and the freelist are checked, which
// costs the same for any size of file.
func verifyFile(path string, full bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	v := &verifier{r: f, size: info.Size(), full: full}
	return v.run()
}

const (
	pageHeader    = 16
	elementSize   = 16
	branchFlag    = 0x01
	leafFlag      = 0x02
	metaFlag      = 0x04
	freelistFlag  = 0x10
	bucketFlag    = 0x01
	bboltMagic    = 0xED0CDAED
	bboltVersion  = 2
	metaSumOffset = 56 // bytes of the meta covered by its checksum
	noFreelist    = ^uint64(0)
	maxDepth      = 64 // far deeper than any real tree or bucket nesting
)

var errDamaged = errors.New("damaged")

type verifier struct {
	r    io.ReaderAt
	size int64
	ps   int64
	hwm  uint64
	seen map[uint64]bool
	full bool
}

type meta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
}

func damagedf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errDamaged}, args...)...)
}

// readMetaAt reads and validates the meta page at off.
func (v *verifier) readMetaAt(off int64) (meta, bool) {
	b := make([]byte, pageHeader+metaSumOffset+8)
	if _, err := v.r.ReadAt(b, off); err != nil {
		return meta{}, false
	}
	if binary.LittleEndian.Uint16(b[8:])&metaFlag == 0 {
		return meta{}, false
	}
	m := b[pageHeader:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != bboltMagic || le.Uint32(m[4:]) != bboltVersion {
		return meta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:metaSumOffset])
	if h.Sum64() != le.Uint64(m[metaSumOffset:]) {
		return meta{}, false
	}
	return meta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

func (v *verifier) run() error {
	// bbolt finds the page size in the first meta, else the second one at
	// the system's page size; it then uses the newer valid meta.
	m0, ok0 := v.readMetaAt(0)
	var m1 meta
	var ok1 bool
	switch {
	case ok0 && validPageSize(m0.pageSize):
		v.ps = int64(m0.pageSize)
		m1, ok1 = v.readMetaAt(v.ps)
	default:
		v.ps = int64(os.Getpagesize())
		m1, ok1 = v.readMetaAt(v.ps)
		if !ok1 || int64(m1.pageSize) != v.ps {
			return damagedf("no valid meta page")
		}
		ok0 = false
	}
	if ok1 && int64(m1.pageSize) != v.ps {
		ok1 = false
	}
	// A torn write of one meta page is what bbolt's two metas are for:
	// it uses the other.
	if !ok0 && !ok1 {
		return damagedf("no valid meta page")
	}
	m := m0
	if !ok0 || (ok1 && m1.txid > m0.txid) {
		m = m1
	}
	v.hwm = m.pgid
	if v.hwm < 3 || int64(v.hwm) > v.size/v.ps+1 {
		return damagedf("high-water mark %d does not fit a file of %d bytes", v.hwm, v.size)
	}
	v.seen = map[uint64]bool{0: true, 1: true}
	if m.freelist != noFreelist {
		if err := v.freelist(m.freelist); err != nil {
			return err
		}
	}
	if !v.full {
		return nil
	}
	return v.tree(m.root, 0)
}

func validPageSize(ps uint32) bool { return ps >= 512 && ps <= 1<<20 && ps&(ps-1) == 0 }

// page reads page id and everything it overflows into, marking them seen.
func (v *verifier) page(id uint64, want uint16) ([]byte, error) {
	if id < 2 || id >= v.hwm {
		return nil, damagedf("page %d is outside the file's pages (2 to %d)", id, v.hwm-1)
	}
	head := make([]byte, pageHeader)
	if _, err := v.r.ReadAt(head, int64(id)*v.ps); err != nil {
		return nil, damagedf("page %d cannot be read: %v", id, err)
	}
	le := binary.LittleEndian
	if got := le.Uint64(head); got != id {
		return nil, damagedf("page %d calls itself page %d", id, got)
	}
	if flags := le.Uint16(head[8:]); flags&want == 0 || flags&^(branchFlag|leafFlag|freelistFlag) != 0 {
		return nil, damagedf("page %d has the wrong kind (flags %#x)", id, flags)
	}
	overflow := uint64(le.Uint32(head[12:]))
	if id+overflow >= v.hwm {
		return nil, damagedf("page %d runs past the file's pages", id)
	}
	for i := id; i <= id+overflow; i++ {
		if v.seen[i] {
			return nil, damagedf("page %d is used twice", i)
		}
		v.seen[i] = true
	}
	b := make([]byte, int64(overflow+1)*v.ps)
	if _, err := v.r.ReadAt(b, int64(id)*v.ps); err != nil {
		return nil, damagedf("page %d cannot be read: %v", id, err)
	}
	return b, nil
}

func (v *verifier) freelist(id uint64) error {
	b, err := v.page(id, freelistFlag)
	if err != nil {
		return err
	}
	le := binary.LittleEndian
	n, start := uint64(le.Uint16(b[10:])), uint64(pageHeader)
	if n == 0xFFFF {
		if len(b) < pageHeader+8 {
			return damagedf("freelist page %d is too short", id)
		}
		n, start = le.Uint64(b[pageHeader:]), pageHeader+8
	}
	if n > (uint64(len(b))-start)/8 {
		return damagedf("freelist page %d lists more pages than it holds", id)
	}
	for i := range n {
		if free := le.Uint64(b[start+8*i:]); free < 2 || free >= v.hwm {
			return damagedf("freelist page %d frees page %d, outside the file", id, free)
		}
	}
	return nil
}

// tree checks the B+tree whose root is page id.
func (v *verifier) tree(id uint64, depth int) error {
	if depth > maxDepth {
		return damagedf("page %d: the tree nests too deep", id)
	}
	b, err := v.page(id, branchFlag|leafFlag)
	if err != nil {
		return err
	}
	if binary.LittleEndian.Uint16(b[8:])&branchFlag != 0 {
		return v.branch(id, b, depth)
	}
	return v.leaf(id, b, depth)
}

func (v *verifier) branch(id uint64, b []byte, depth int) error {
	le := binary.LittleEndian
	n := int(le.Uint16(b[10:]))
	if n == 0 || pageHeader+n*elementSize > len(b) {
		return damagedf("page %d has %d elements, more than it holds", id, n)
	}
	for i := range n {
		e := pageHeader + i*elementSize
		pos, ksize := uint64(le.Uint32(b[e:])), uint64(le.Uint32(b[e+4:]))
		if uint64(e)+pos+ksize > uint64(len(b)) {
			return damagedf("page %d: element %d lies outside the page", id, i)
		}
		if err := v.tree(le.Uint64(b[e+8:]), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// leaf checks a leaf page (or an inline bucket's page, b being the
// bucket's value after its header) and the buckets it holds.
func (v *verifier) leaf(id uint64, b []byte, depth int) error {
	le := binary.LittleEndian
	if len(b) < pageHeader {
		return damagedf("page %d: an inline bucket is too short", id)
	}
	n := int(le.Uint16(b[10:]))
	if pageHeader+n*elementSize > len(b) {
		return damagedf("page %d has %d elements, more than it holds", id, n)
	}
	for i := range n {
		e := pageHeader + i*elementSize
		flags, pos := le.Uint32(b[e:]), uint64(le.Uint32(b[e+4:]))
		ksize, vsize := uint64(le.Uint32(b[e+8:])), uint64(le.Uint32(b[e+12:]))
		end := uint64(e) + pos + ksize + vsize
		if end > uint64(len(b)) {
			return damagedf("page %d: element %d lies outside the page", id, i)
		}
		if flags&bucketFlag == 0 {
			continue
		}
		val := b[uint64(e)+pos+ksize : end]
		if len(val) < 16 {
			return damagedf("page %d: element %d is a bucket too short to be one", id, i)
		}
		if depth > maxDepth {
			return damagedf("page %d: buckets nest too deep", id)
		}
		if root := le.Uint64(val); root != 0 {
			if err := v.tree(root, depth+1); err != nil {
				return err
			}
			continue
		}
		inline := val[16:]
		if len(inline) >= pageHeader && le.Uint16(inline[8:])&leafFlag == 0 {
			return damagedf("page %d: element %d is an inline bucket that is not a leaf", id, i)
		}
		if err := v.leaf(id, inline, depth+1); err != nil {
			return err
		}
	}
	return nil
}
