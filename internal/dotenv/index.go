package dotenv

import "hash/maphash"

// keyIndex maps a key to its record in Doc.recs. It is a small
// open-addressing table rather than a Go map because building the index
// dominated the parse of large files: one probe run answers both "is it
// there" and "add it", and 8-byte slots touch fewer cache lines. The seed
// is random per Doc, so a hostile file cannot pick colliding keys.
type keyIndex struct {
	seed  maphash.Seed
	slots []uint64 // hash<<32 | record+1; 0 is an empty slot
	n     int
}

func (x *keyIndex) init(n int) {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	x.seed = maphash.MakeSeed()
	x.slots = make([]uint64, size)
	x.n = 0
}

func (x *keyIndex) hash(key string) uint32 {
	return uint32(maphash.String(x.seed, key) >> 32)
}

// find returns the slot holding key, or the empty slot where it belongs.
// The home slot derives from the stored hash, so growing and deleting
// never re-hash a key.
func (x *keyIndex) find(recs []keyRec, key string, h uint32) (int, bool) {
	mask := len(x.slots) - 1
	for j := int(h) & mask; ; j = (j + 1) & mask {
		v := x.slots[j]
		if v == 0 {
			return j, false
		}
		if uint32(v>>32) == h && recs[uint32(v)-1].key == key {
			return j, true
		}
	}
}

func (x *keyIndex) get(recs []keyRec, key string) (int32, bool) {
	if x.n == 0 {
		return 0, false
	}
	j, ok := x.find(recs, key, x.hash(key))
	if !ok {
		return 0, false
	}
	return int32(uint32(x.slots[j]) - 1), true
}

// getOrAdd returns key's record and true, or files key under ri (which the
// caller then appends to recs) and returns ri and false.
func (x *keyIndex) getOrAdd(recs []keyRec, key string, ri int32) (int32, bool) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
	}
	h := x.hash(key)
	j, ok := x.find(recs, key, h)
	if ok {
		return int32(uint32(x.slots[j]) - 1), true
	}
	x.slots[j] = uint64(h)<<32 | uint64(ri+1)
	x.n++
	return ri, false
}

func (x *keyIndex) grow() {
	old := x.slots
	if old == nil {
		x.init(4)
		return
	}
	x.slots = make([]uint64, 2*len(old))
	mask := len(x.slots) - 1
	for _, v := range old {
		if v == 0 {
			continue
		}
		j := int(uint32(v>>32)) & mask
		for x.slots[j] != 0 {
			j = (j + 1) & mask
		}
		x.slots[j] = v
	}
}

// del removes key and shifts the rest of its probe run back, so that
// lookups never meet tombstones however many deletes happen.
func (x *keyIndex) del(recs []keyRec, key string) {
	if x.n == 0 {
		return
	}
	j, ok := x.find(recs, key, x.hash(key))
	if !ok {
		return
	}
	mask := len(x.slots) - 1
	for i := (j + 1) & mask; x.slots[i] != 0; i = (i + 1) & mask {
		home := int(uint32(x.slots[i]>>32)) & mask
		// Slot i may fill the hole at j only if j lies on its probe path,
		// i.e. cyclically between its home and i.
		if (i-home)&mask >= (i-j)&mask {
			x.slots[j] = x.slots[i]
			j = i
		}
	}
	x.slots[j] = 0
	x.n--
}
