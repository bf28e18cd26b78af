//! A bounds-checked reader for the FlatBuffers wire format, just enough for TFLite.
//!
//! Layout reminders: a table starts with an `i32` that, subtracted from the table's position,
//! gives its vtable; the vtable holds `u16` vtable length, `u16` object length, then one `u16`
//! offset per field (0 = absent). References to tables, vectors and strings are `u32` offsets
//! relative to where they are stored; a vector is a `u32` count followed by its elements.
//! Every read here checks its range and returns [`ModelError::Malformed`] instead of panicking.

use super::error::ModelError;

fn malformed(what: &'static str, offset: usize) -> ModelError {
    ModelError::Malformed { what, offset }
}

/// Reads `N` bytes at `pos`.
fn bytes<const N: usize>(buf: &[u8], pos: usize) -> Result<[u8; N], ModelError> {
    pos.checked_add(N)
        .and_then(|end| buf.get(pos..end))
        .and_then(|s| s.try_into().ok())
        .ok_or(malformed("read past the end", pos))
}

pub(super) fn read_u16(buf: &[u8], pos: usize) -> Result<u16, ModelError> {
    bytes::<2>(buf, pos).map(u16::from_le_bytes)
}

pub(super) fn read_u32(buf: &[u8], pos: usize) -> Result<u32, ModelError> {
    bytes::<4>(buf, pos).map(u32::from_le_bytes)
}

fn read_i32(buf: &[u8], pos: usize) -> Result<i32, ModelError> {
    bytes::<4>(buf, pos).map(i32::from_le_bytes)
}

/// Follows the `u32` forward offset stored at `pos`.
fn follow(buf: &[u8], pos: usize) -> Result<usize, ModelError> {
    let rel = read_u32(buf, pos)? as usize;
    pos.checked_add(rel)
        .filter(|&p| p < buf.len())
        .ok_or(malformed("offset points past the end", pos))
}

/// A table whose vtable has been checked to lie inside the buffer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Table<'a> {
    buf: &'a [u8],
    pos: usize,
    vtable: usize,
    vtable_len: usize,
    object_len: usize,
}

impl<'a> Table<'a> {
    /// The root table of a buffer (the `u32` at offset 0).
    pub(super) fn root(buf: &'a [u8]) -> Result<Self, ModelError> {
        Self::at(buf, follow(buf, 0)?)
    }

    fn at(buf: &'a [u8], pos: usize) -> Result<Self, ModelError> {
        let soffset = i64::from(read_i32(buf, pos)?);
        let vtable = usize::try_from(pos as i64 - soffset)
            .map_err(|_| malformed("vtable before the start", pos))?;
        let vtable_len = usize::from(read_u16(buf, vtable)?);
        let object_len = usize::from(read_u16(buf, vtable + 2)?);
        if vtable_len < 4 || vtable_len % 2 != 0 || vtable + vtable_len > buf.len() {
            return Err(malformed("bad vtable length", vtable));
        }
        if object_len < 4 || pos + object_len > buf.len() {
            return Err(malformed("bad table length", pos));
        }
        Ok(Self {
            buf,
            pos,
            vtable,
            vtable_len,
            object_len,
        })
    }

    /// Position of field `index` if present, checked to hold `size` bytes inside the table.
    fn field(&self, index: usize, size: usize) -> Result<Option<usize>, ModelError> {
        let slot = 4 + 2 * index;
        if slot + 2 > self.vtable_len {
            return Ok(None);
        }
        let offset = usize::from(read_u16(self.buf, self.vtable + slot)?);
        if offset == 0 {
            return Ok(None);
        }
        if offset < 4 || offset + size > self.object_len {
            return Err(malformed("field outside its table", self.pos));
        }
        Ok(Some(self.pos + offset))
    }

    pub(super) fn i8(&self, index: usize, default: i8) -> Result<i8, ModelError> {
        Ok(match self.field(index, 1)? {
            Some(p) => i8::from_le_bytes(bytes::<1>(self.buf, p)?),
            None => default,
        })
    }

    pub(super) fn u8(&self, index: usize, default: u8) -> Result<u8, ModelError> {
        Ok(match self.field(index, 1)? {
            Some(p) => bytes::<1>(self.buf, p)?[0],
            None => default,
        })
    }

    pub(super) fn i32(&self, index: usize, default: i32) -> Result<i32, ModelError> {
        match self.field(index, 4)? {
            Some(p) => read_i32(self.buf, p),
            None => Ok(default),
        }
    }

    pub(super) fn u32(&self, index: usize, default: u32) -> Result<u32, ModelError> {
        match self.field(index, 4)? {
            Some(p) => read_u32(self.buf, p),
            None => Ok(default),
        }
    }

    pub(super) fn table(&self, index: usize) -> Result<Option<Table<'a>>, ModelError> {
        match self.field(index, 4)? {
            Some(p) => Self::at(self.buf, follow(self.buf, p)?).map(Some),
            None => Ok(None),
        }
    }

    /// A vector of `elem_size`-byte elements; its whole extent is checked.
    pub(super) fn vector(
        &self,
        index: usize,
        elem_size: usize,
    ) -> Result<Option<Vector<'a>>, ModelError> {
        let Some(p) = self.field(index, 4)? else {
            return Ok(None);
        };
        let start = follow(self.buf, p)?;
        let len = read_u32(self.buf, start)? as usize;
        let data = start + 4;
        let end = len.checked_mul(elem_size).and_then(|n| n.checked_add(data));
        match end {
            Some(end) if end <= self.buf.len() => Ok(Some(Vector {
                buf: self.buf,
                data,
                len,
                elem_size,
            })),
            _ => Err(malformed("vector past the end", start)),
        }
    }

    /// A vector of tables (absent = empty).
    pub(super) fn tables(&self, index: usize) -> Result<Vec<Table<'a>>, ModelError> {
        match self.vector(index, 4)? {
            Some(v) => (0..v.len)
                .map(|i| Self::at(self.buf, follow(self.buf, v.pos(i))?))
                .collect(),
            None => Ok(Vec::new()),
        }
    }

    /// A vector of `i32` (absent = `None`).
    pub(super) fn i32s(&self, index: usize) -> Result<Option<Vec<i32>>, ModelError> {
        match self.vector(index, 4)? {
            Some(v) => Ok(Some(v.bytes().chunks_exact(4).map(le_i32).collect())),
            None => Ok(None),
        }
    }

    /// A byte vector or string (absent = `None`).
    pub(super) fn bytes(&self, index: usize) -> Result<Option<&'a [u8]>, ModelError> {
        Ok(self.vector(index, 1)?.map(|v| v.bytes()))
    }
}

fn le_i32(b: &[u8]) -> i32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(b);
    i32::from_le_bytes(a)
}

/// A vector whose extent has been checked.
#[derive(Debug, Clone, Copy)]
pub(super) struct Vector<'a> {
    buf: &'a [u8],
    data: usize,
    len: usize,
    elem_size: usize,
}

impl<'a> Vector<'a> {
    fn pos(&self, i: usize) -> usize {
        self.data + i * self.elem_size
    }

    pub(super) fn bytes(&self) -> &'a [u8] {
        self.buf
            .get(self.data..self.data + self.len * self.elem_size)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-assembled buffer: root table with an i32 field (7), an absent field and a vector of
    /// two i32s.
    fn sample() -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&16u32.to_le_bytes()); // 0: root offset -> table at 16
        // 4: vtable: length 10, object 12, field 0 at +4, field 1 absent, field 2 at +8
        for v in [10u16, 12, 4, 0, 8, 0] {
            b.extend_from_slice(&v.to_le_bytes()); // (the last 0 pads to 16)
        }
        b.extend_from_slice(&12i32.to_le_bytes()); // 16: soffset, vtable at 16 - 12 = 4
        b.extend_from_slice(&7i32.to_le_bytes()); // 20: field 0
        b.extend_from_slice(&4u32.to_le_bytes()); // 24: field 2 -> vector at 28
        b.extend_from_slice(&2u32.to_le_bytes()); // 28: count
        b.extend_from_slice(&(-3i32).to_le_bytes());
        b.extend_from_slice(&5i32.to_le_bytes());
        b
    }

    #[test]
    fn reads_fields_and_defaults() {
        let b = sample();
        let t = Table::root(&b).expect("root");
        assert_eq!(t.i32(0, 0).expect("field"), 7);
        assert_eq!(t.i32(1, 42).expect("absent"), 42);
        assert_eq!(t.i32(9, -1).expect("beyond vtable"), -1);
        assert_eq!(t.i32s(2).expect("vector"), Some(vec![-3, 5]));
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let b = sample();
        for n in 0..b.len() {
            let cut = &b[..n];
            let r = Table::root(cut).and_then(|t| {
                t.i32(0, 0)?;
                t.i32s(2)
            });
            assert!(r.is_err(), "truncation at {n} was accepted");
        }
    }

    #[test]
    fn vector_count_overflow_is_refused() {
        let mut b = sample();
        b[28..32].copy_from_slice(&u32::MAX.to_le_bytes());
        let t = Table::root(&b).expect("root");
        assert!(matches!(t.i32s(2), Err(ModelError::Malformed { .. })));
    }
}
