//! The values an `@eventHeader` member may hold, and the header type each
//! travels as.

use super::HeaderValue;
use aws_smithy_types::event_stream::HeaderValue as Value;
use aws_smithy_types::str_bytes::StrBytes;
use aws_smithy_types::{Blob, DateTime};

/// A member's value as the header of its Smithy type: `boolean` a boolean
/// header, `byte` a byte, `short`, `integer` and `long` the integers of
/// their width, `blob` a byte array, `string` a string, `timestamp` a
/// timestamp (milliseconds since the epoch).
pub trait EventHeaderValue: Sized {
    /// The header type's name, for errors.
    const TYPE: &'static str;
    /// The header that carries this value.
    fn into_header_value(self) -> HeaderValue;
    /// The value of a header of this type; `None` for one of another type.
    fn from_header_value(value: &HeaderValue) -> Option<Self>;
}

macro_rules! copied_header {
    ($($ty:ty => $variant:ident, $name:literal;)*) => {$(
        impl EventHeaderValue for $ty {
            const TYPE: &'static str = $name;

            fn into_header_value(self) -> HeaderValue {
                Value::$variant(self)
            }

            fn from_header_value(value: &HeaderValue) -> Option<Self> {
                match value {
                    Value::$variant(value) => Some(*value),
                    _ => None,
                }
            }
        }
    )*};
}

copied_header! {
    i8 => Byte, "byte";
    i16 => Int16, "short";
    i32 => Int32, "integer";
    i64 => Int64, "long";
    DateTime => Timestamp, "timestamp";
}

impl EventHeaderValue for bool {
    const TYPE: &'static str = "boolean";

    fn into_header_value(self) -> HeaderValue {
        Value::Bool(self)
    }

    fn from_header_value(value: &HeaderValue) -> Option<Self> {
        match value {
            Value::Bool(value) => Some(*value),
            _ => None,
        }
    }
}

impl EventHeaderValue for String {
    const TYPE: &'static str = "string";

    fn into_header_value(self) -> HeaderValue {
        Value::String(StrBytes::from(self))
    }

    fn from_header_value(value: &HeaderValue) -> Option<Self> {
        match value {
            Value::String(value) => Some(value.as_str().to_owned()),
            _ => None,
        }
    }
}

impl EventHeaderValue for Blob {
    const TYPE: &'static str = "byte array";

    fn into_header_value(self) -> HeaderValue {
        Value::ByteArray(self.into_inner().into())
    }

    fn from_header_value(value: &HeaderValue) -> Option<Self> {
        match value {
            Value::ByteArray(bytes) => Some(Blob::new(bytes.to_vec())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip<T: EventHeaderValue + Clone + PartialEq + std::fmt::Debug>(value: T) {
        let header = value.clone().into_header_value();
        assert_eq!(T::from_header_value(&header), Some(value));
    }

    proptest! {
        #[test]
        fn every_value_comes_back_from_its_header(
            b: bool, byte: i8, short: i16, int: i32, long: i64,
            text in ".*", bytes in proptest::collection::vec(any::<u8>(), 0..64),
            millis in -62_135_596_800_000i64..253_402_300_799_999,
        ) {
            round_trip(b);
            round_trip(byte);
            round_trip(short);
            round_trip(int);
            round_trip(long);
            round_trip(text);
            round_trip(Blob::new(bytes));
            round_trip(DateTime::from_millis(millis));
        }
    }

    #[test]
    fn a_header_of_another_type_is_no_value() {
        assert_eq!(i32::from_header_value(&Value::Int64(1)), None);
        assert_eq!(i64::from_header_value(&Value::Int32(1)), None);
        assert_eq!(bool::from_header_value(&Value::Byte(1)), None);
        assert_eq!(
            String::from_header_value(&Value::ByteArray("a".into())),
            None
        );
        assert_eq!(Blob::from_header_value(&Value::String("a".into())), None);
        assert_eq!(i8::from_header_value(&Value::Int16(1)), None);
        assert_eq!(i16::from_header_value(&Value::Byte(1)), None);
        assert_eq!(DateTime::from_header_value(&Value::Int64(1)), None);
    }

    #[test]
    fn each_type_travels_as_its_own_header() {
        assert_eq!(true.into_header_value(), Value::Bool(true));
        assert_eq!(1i8.into_header_value(), Value::Byte(1));
        assert_eq!(2i16.into_header_value(), Value::Int16(2));
        assert_eq!(3i32.into_header_value(), Value::Int32(3));
        assert_eq!(4i64.into_header_value(), Value::Int64(4));
        assert_eq!(
            Blob::new("foo").into_header_value(),
            Value::ByteArray("foo".into())
        );
        assert_eq!(
            "foo".to_owned().into_header_value(),
            Value::String("foo".into())
        );
        assert_eq!(
            DateTime::from_millis(5).into_header_value(),
            Value::Timestamp(DateTime::from_millis(5))
        );
    }
}
