//! Presidio's published test cases for its pattern recognizers, as data.
//!
//! Transcribed from the parametrised tests of `microsoft/presidio`
//! (`presidio-analyzer/tests/test_{credit_card,crypto,email,iban,ip,mac_address,phone,us_phone,us_ssn}_recognizer.py`):
//! each input text with the spans (character offsets, all ASCII here) Presidio's recognizer
//! is expected to return, or only a count where Presidio asserts only a count.

use super::{Case, Expect};

pub(super) const CREDIT_CARD: &[Case] = &[
    Case {
        text: "4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881",
        expect: Expect::Spans(&[(0, 16), (17, 36), (37, 56)]),
    },
    Case {
        text: "122000000000003",
        expect: Expect::Spans(&[(0, 15)]),
    },
    Case {
        text: "my credit card: 122000000000003",
        expect: Expect::Spans(&[(16, 31)]),
    },
    Case {
        text: "371449635398431",
        expect: Expect::Spans(&[(0, 15)]),
    },
    Case {
        text: "5555555555554444",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "5019717010103742",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "30569309025904",
        expect: Expect::Spans(&[(0, 14)]),
    },
    Case {
        text: "6011000400000000",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "3528000700000000",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "6759649826438453",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "4111111111111111",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "4917300800000000",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "4484070000000000",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "4012-8888-8888-1882",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "my credit card number is 4012-8888-8888-1882",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "36168002586008",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "my credit card number is 36168002586008",
        expect: Expect::Spans(&[]),
    },
];

pub(super) const CRYPTO: &[Case] = &[
    Case {
        text: "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        expect: Expect::Spans(&[(0, 42)]),
    },
    Case {
        text: "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        expect: Expect::Spans(&[(0, 62)]),
    },
    Case {
        text: "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        expect: Expect::Spans(&[(0, 34), (35, 69)]),
    },
    Case {
        text: "my wallet address is: 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ",
        expect: Expect::Spans(&[(22, 56)]),
    },
    Case {
        text: "16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "my wallet address is: 16Yeky6GMjeNkAiNcBY7ZhrLoMSgg1BoyZ2",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "8f953371d3e85eddb89b05ed6b9e680791055315c73e1025ab5dba7bb2aee189",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        expect: Expect::Spans(&[(0, 42)]),
    },
    Case {
        text:
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed 0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        expect: Expect::Spans(&[(0, 42), (43, 85)]),
    },
    Case {
        text: "My Ethereum wallet is 0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        expect: Expect::Spans(&[(22, 64)]),
    },
    Case {
        text: "lowercase address 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "checksummed but invalid address 0xdbF03B407c01E7cD3CBea99509d93f8DDdC8C6FB",
        expect: Expect::Spans(&[]),
    },
];

pub(super) const EMAIL: &[Case] = &[
    Case {
        text: "info@presidio.site",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "my email address is info@presidio.site",
        expect: Expect::Spans(&[(20, 38)]),
    },
    Case {
        text: "try one of these emails: info@presidio.site or anotherinfo@presidio.site",
        expect: Expect::Spans(&[(25, 43), (47, 72)]),
    },
    Case {
        text: "my email is info@presidio.",
        expect: Expect::Spans(&[]),
    },
];

pub(super) const IBAN: &[Case] = &[
    Case {
        text: "AL47212110090000000235698741",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "AL47 2121 1009 0000 0002 3569 8741",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "AD1200012030200359100100",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "AD12 0001 2030 2003 5910 0100",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "AT611904300234573201",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "AT61 1904 3002 3457 3201",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "AZ21NABZ00000000137010001944",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "AZ21 NABZ 0000 0000 1370 1000 1944",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "BH67BMAG00001299123456",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "BH67 BMAG 0000 1299 1234 56",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "BY13NBRB3600900000002Z00AB00",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "BY13 NBRB 3600 9000 0000 2Z00 AB00",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "BE68539007547034",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "BE71 0961 2345 6769",
        expect: Expect::Spans(&[(0, 19)]),
    },
    Case {
        text: "BA391290079401028494",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "BA39 1290 0794 0102 8494",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "BR9700360305000010009795493P1",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "BR97 0036 0305 0000 1000 9795 493P 1",
        expect: Expect::Spans(&[(0, 36)]),
    },
    Case {
        text: "BG80BNBG96611020345678",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "BG80 BNBG 9661 1020 3456 78",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "CR05015202001026284066",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "CR05 0152 0200 1026 2840 66",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "HR1210010051863000160",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "HR12 1001 0051 8630 0016 0",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "CY17002001280000001200527600",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "CY17 0020 0128 0000 0012 0052 7600",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "CZ6508000000192000145399",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "CZ65 0800 0000 1920 0014 5399",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "DK5000400440116243",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "DK50 0040 0440 1162 43",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "DO28BAGR00000001212453611324",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "DO28 BAGR 0000 0001 2124 5361 1324",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "TL380080012345678910157",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "TL38 0080 0123 4567 8910 157",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "EE382200221020145685",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "EE38 2200 2210 2014 5685",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "FO6264600001631634",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "FO62 6460 0001 6316 34",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "FI2112345600000785",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "FI21 1234 5600 0007 85",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "FR1420041010050500013M02606",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "FR14 2004 1010 0505 0001 3M02 606",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "GE29NB0000000101904917",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "GE29 NB00 0000 0101 9049 17",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "DE89370400440532013000",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "DE89 3704 0044 0532 0130 00",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "GI75NWBK000000007099453",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "GI75 NWBK 0000 0000 7099 453",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "GR1601101250000000012300695",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "GR16 0110 1250 0000 0001 2300 695",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "GL8964710001000206",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "GL89 6471 0001 0002 06",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "GT82TRAJ01020000001210029690",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "GT82 TRAJ 0102 0000 0012 1002 9690",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "HU42117730161111101800000000",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "HU42 1177 3016 1111 1018 0000 0000",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "IS140159260076545510730339",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "IS14 0159 2600 7654 5510 7303 39",
        expect: Expect::Spans(&[(0, 32)]),
    },
    Case {
        text: "IE29AIBK93115212345678",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "IE29 AIBK 9311 5212 3456 78",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "IL620108000000099999999",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "IL62 0108 0000 0009 9999 999",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "IT60X0542811101000000123456",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "IT60 X054 2811 1010 0000 0123 456",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "JO94CBJO0010000000000131000302",
        expect: Expect::Spans(&[(0, 30)]),
    },
    Case {
        text: "JO94 CBJO 0010 0000 0000 0131 0003 02",
        expect: Expect::Spans(&[(0, 37)]),
    },
    Case {
        text: "KZ86125KZT5004100100",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "KZ86 125K ZT50 0410 0100",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "XK051212012345678906",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "XK05 1212 0123 4567 8906",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "KW81CBKU0000000000001234560101",
        expect: Expect::Spans(&[(0, 30)]),
    },
    Case {
        text: "KW81 CBKU 0000 0000 0000 1234 5601 01",
        expect: Expect::Spans(&[(0, 37)]),
    },
    Case {
        text: "LV80BANK0000435195001",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "LV80 BANK 0000 4351 9500 1",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "LB62099900000001001901229114",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "LB62 0999 0000 0001 0019 0122 9114",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "LI21088100002324013AA",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "LI21 0881 0000 2324 013A A",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "LT121000011101001000",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "LT12 1000 0111 0100 1000",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "LU280019400644750000",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "LU28 0019 4006 4475 0000",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "MT84MALT011000012345MTLCAST001S",
        expect: Expect::Spans(&[(0, 31)]),
    },
    Case {
        text: "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
        expect: Expect::Spans(&[(0, 38)]),
    },
    Case {
        text: "MR1300020001010000123456753",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "MR13 0002 0001 0100 0012 3456 753",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "MU17BOMM0101101030300200000MUR",
        expect: Expect::Spans(&[(0, 30)]),
    },
    Case {
        text: "MU17 BOMM 0101 1010 3030 0200 000M UR",
        expect: Expect::Spans(&[(0, 37)]),
    },
    Case {
        text: "MD24AG000225100013104168",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "MD24 AG00 0225 1000 1310 4168",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "MC5811222000010123456789030",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "MC58 1122 2000 0101 2345 6789 030",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "ME25505000012345678951",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "ME25 5050 0001 2345 6789 51",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "NL91ABNA0417164300",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "NL91 ABNA 0417 1643 00",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "MK07250120000058984",
        expect: Expect::Spans(&[(0, 19)]),
    },
    Case {
        text: "MK07 2501 2000 0058 984",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "NO9386011117947",
        expect: Expect::Spans(&[(0, 15)]),
    },
    Case {
        text: "NO93 8601 1117 947",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "PK36SCBL0000001123456702",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "PK36 SCBL 0000 0011 2345 6702",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "PS92PALS000000000400123456702",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "PS92 PALS 0000 0000 0400 1234 5670 2",
        expect: Expect::Spans(&[(0, 36)]),
    },
    Case {
        text: "PL61109010140000071219812874",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "PL61 1090 1014 0000 0712 1981 2874",
        expect: Expect::Spans(&[(0, 34)]),
    },
    Case {
        text: "PT50000201231234567890154",
        expect: Expect::Spans(&[(0, 25)]),
    },
    Case {
        text: "PT50 0002 0123 1234 5678 9015 4",
        expect: Expect::Spans(&[(0, 31)]),
    },
    Case {
        text: "QA58DOHB00001234567890ABCDEFG",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "QA58 DOHB 0000 1234 5678 90AB CDEF G",
        expect: Expect::Spans(&[(0, 36)]),
    },
    Case {
        text: "RO49AAAA1B31007593840000",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "RO49 AAAA 1B31 0075 9384 0000",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "SM86U0322509800000000270100",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "SM86 U032 2509 8000 0000 0270 100",
        expect: Expect::Spans(&[(0, 33)]),
    },
    Case {
        text: "SA0380000000608010167519",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "SA03 8000 0000 6080 1016 7519",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "RS35260005601001611379",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "RS35 2600 0560 1001 6113 79",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "SK3112000000198742637541",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "SK31 1200 0000 1987 4263 7541",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "SI56263300012039086",
        expect: Expect::Spans(&[(0, 19)]),
    },
    Case {
        text: "SI56 2633 0001 2039 086",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "ES9121000418450200051332",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "ES91 2100 0418 4502 0005 1332",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "SE4550000000058398257466",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "SE45 5000 0000 0583 9825 7466",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "CH9300762011623852957",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "CH93 0076 2011 6238 5295 7",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "TN5910006035183598478831",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "TN59 1000 6035 1835 9847 8831",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "TR330006100519786457841326",
        expect: Expect::Spans(&[(0, 26)]),
    },
    Case {
        text: "TR33 0006 1005 1978 6457 8413 26",
        expect: Expect::Spans(&[(0, 32)]),
    },
    Case {
        text: "AE070331234567890123456",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "AE07 0331 2345 6789 0123 456",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "GB29NWBK60161331926819",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "GB29 NWBK 6016 1331 9268 19",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "VA59001123000012345678",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "VA59 0011 2300 0012 3456 78",
        expect: Expect::Spans(&[(0, 27)]),
    },
    Case {
        text: "VG96VPVG0000012345678901",
        expect: Expect::Spans(&[(0, 24)]),
    },
    Case {
        text: "VG96 VPVG 0000 0123 4567 8901",
        expect: Expect::Spans(&[(0, 29)]),
    },
    Case {
        text: "AL47 212A 1009 0000 0002 3569 8741",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AL47 212A 1009 0000 0002 3569 874",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AL47 2121 1009 0000 0002 3569 8740",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AD12000A2030200359100100",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AD12000A203020035910010",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AD12 0001 2030 2003 5910 0101",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AT61 1904 A002 3457 3201",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AT61 1904 3002 3457 320",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AT61 1904 3002 3457 3202",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AZ21NABZ000000001370100019",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AZ21NABZ0000000013701000194",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AZ21NABZ00000000137010001945",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BH67BMA100001299123456",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BH67BMAG0000129912345",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BH67BMAG00001299123457",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BY13NBRBA600900000002Z00AB00",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BY13 NBRB 3600 9000 0000 2Z00 AB0",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BY13NBRB3600900000002Z00AB01",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BE71 A961 2345 6769",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BE6853900754703",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BE71 0961 2345 6760",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BA39 A290 0794 0102 8494",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BA39129007940102849",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BA39 1290 0794 0102 8495",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BR97 0036 A305 0000 1000 9795 493P 1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BR9700360305000010009795493P",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BR97 0036 0305 0000 1000 9795 493P 2",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BG80 BNBG 9661 A020 3456 78",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BG80BNBG9661102034567",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "BG80 BNBG 9661 1020 3456 79",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CR05 0152 0200 1026 2840 6A",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CR05 0152 0200 1026 2840 6",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CR05 0152 0200 1026 2840 67",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "HR12 001 0051 8630 0016 A",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "HR121001005186300016",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "HR12 1001 0051 8630 0016 1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CY17 0020 A128 0000 0012 0052 7600",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CY17 0020 0128 0000 0012 0052 760",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CY17 0020 0128 0000 0012 0052 7601",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CZ65 0800 A000 1920 0014 5399",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CZ65 0800 0000 1920 0014 539",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CZ65 0800 0000 1920 0014 5390",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DK50 0040 A440 1162 43",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DK50 0040 0440 1162 4",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DK50 0040 0440 1162 44",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DO28 BAGR A000 0001 2124 5361 1324",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DO28 BAGR 0000 0001 2124 5361 132",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DO28 BAGR 0000 0001 2124 5361 1325",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "TL38 A080 0123 4567 8910 157",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "TL38 0080 0123 4567 8910 158",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "EE38 A200 2210 2014 5685",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "EE38 2200 2210  014 5686",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FO62 A460 0001 6316 34",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FO62 6460 0001 6316 35",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FI21 A234 5600 0007 85",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FI21 1234 5600 0007 86",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FR14 A004 1010 0505 0001 3M02 606",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "FR14 2004 1010 0505 0001 3M02 607",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GE29 NBA0 0000 0101 9049 17",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GE29 NB00 0000 0101 9049 18",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DE89 A704 0044 0532 0130 00",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "DE89 3704 0044 0532 0130 01",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GI75 aWBK 0000 0000 7099 453",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GI75 NWBK 0000 0000 7099 454",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GR16 A110 1250 0000 0001 2300 695",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GR16 0110 1250 0000 0001 2300 696",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GL89 A471 0001 0002 06",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GL89 6471 0001 0002 07",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "G T82 TRAJ 0102 0000 0012 1002 9690",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GT82 TRAJ 0102 0000 0012 1002 9691",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "HU42 A177 3016 1111 1018 0000 0000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "HU42 1177 3016 1111 1018 0000 0001",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IS14 A159 2600 7654 5510 7303 39",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IS14 0159 2600 7654 5510 7303 30",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IE29 AIBK A311 5212 3456 78",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IE29 AIBK 9311 5212 3456 79",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IL62 A108 0000 0009 9999 999",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IL62 0108 0000 0009 9999 990",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IT60 XW54 2811 1010 0000 0123 456",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IT60 X054 2811 1010 0000 0123 457",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "JO94 CBJO A010 0000 0000 0131 0003 02",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "JO94 CBJO 0010 0000 0000 0131 0003 03",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "KZ86 A25K ZT50 0410 0100",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "KZ86 125K ZT50 0410 0101",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "XK05 A212 0123 4567 8906",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "XK05 1212 0123 4567 8907",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "KW81 aBKU 0000 0000 0000 1234 5601 01",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "KW81 CBKU 0000 0000 0000 1234 5601 02",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LV80 bANK 0000 4351 9500 1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LV80 BANK 0000 4351 9500 2",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LB62 A999 0000 0001 0019 0122 9114",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LB62 0999 0000 0001 0019 0122 9115",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LI21 A881 0000 2324 013A A",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LI21 0881 0000 2324 013A B",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LT12 A000 0111 0100 1000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LT12 1000 0111 0100 1001",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LU28 A019 4006 4475 0000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "LU28 0019 4006 4475 0001",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MT84 MALT A110 0001 2345 MTLC AST0 01S",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MT84 MALT 0110 0001 2345 MTLC AST0 01T",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MR13 A002 0001 0100 0012 3456 753",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MR13 0002 0001 0100 0012 3456 754",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MU17 BOMM A101 1010 3030 0200 000M UR",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MU17 BOMM 0101 1010 3030 0200 000M US",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MD24 AG00 0225 1000 1310 416",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MD24 AG00 0225 1000 1310 4169",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MC58 A122 2000 0101 2345 6789 030",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MC58 1122 2000 0101 2345 6789 031",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "ME25 A050 0001 2345 6789 51",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "ME25 5050 0001 2345 6789 52",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "NL91 1BNA 0417 1643 00",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "NL91 ABNA 0417 1643 01",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MK07 A501 2000 0058 984",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MK07 2501 2000 0058 985",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "NO93 A601 1117 947",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "NO93 8601 1117 948",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PK36 SCBL A000 0011 2345 6702",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PK36 SCBL 0000 0011 2345 6703",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PS92 PALS A000 0000 0400 1234 5670 2",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PS92 PALS 0000 0000 0400 1234 5670 3",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PL61 A090 1014 0000 0712 1981 2874",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PL61 1090 1014 0000 0712 1981 2875",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PT50 A002 0123 1234 5678 9015 4",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "PT50 0002 0123 1234 5678 9015 5",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "QA58 0OHB 0000 1234 5678 90AB CDEF G",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "QA58 DOHB 0000 1234 5678 90AB CDEF H",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "RO49 0AAA 1B31 0075 9384 0000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "RO49 AAAA 1B31 0075 9384 0001",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SM86 0032 2509 8000 0000 0270 100",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SM86 U032 2509 8000 0000 0270 101",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SA03 A000 0000 6080 1016 7519",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SA03 8000 0000 6080 1016 7510",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "RS35 A600 0560 1001 6113 79",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "RS35 2600 0560 1001 6113 70",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SK31 A200 0000 1987 4263 7541",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SK31 1200 0000 1987 4263 7542",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SI56 A633 0001 2039 086",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SI56 2633 0001 2039 087",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "ES91 A100 0418 4502 0005 1332",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "ES91 2100 0418 4502 0005 1333",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SE45 A000 0000 0583 9825 7466",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "SE45 5000 0000 0583 9825 7467",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CH93 A076 2011 6238 5295 7",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CH93 0076 2011 6238 5295 8",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "TN59 A000 6035 1835 9847 8831",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CH93 0076 2011 6238 5295 9",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "TR33 A006 1005 1978 6457 8413 26",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "TR33 0006 1005 1978 6457 8413 27",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AE07 A331 2345 6789 0123 456",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AE07 0331 2345 6789 0123 457",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GB29 1WBK 6016 1331 9268 19",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "GB29 NWBK 6016 1331 9268 10",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "VA59 A011 2300 0012 3456 78",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "VA59 0011 2300 0012 3456 79",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "VG96 VPVG A000 0123 4567 8901",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "VG96 VPVG 0000 0123 4567 8902",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AB150120690000003111141",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IL15 0120 6900 0000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IL15 0120 6900 0000 3111 0120 6900 0000 3111 141",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IL150120690000003111141",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "AM47212110090000000235698740",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "this is an iban VG96 VPVG 0000 0123 4567 8901 in a sentence",
        expect: Expect::Spans(&[(16, 45)]),
    },
    Case {
        text: "this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence",
        expect: Expect::Spans(&[(16, 45)]),
    },
    Case {
        text: "list of ibans: AL47212110090000000235698741, AL47212110090000000235698741",
        expect: Expect::Spans(&[(15, 43), (45, 73)]),
    },
    Case {
        text: "Dalla's Pizza | 3843 Peartree Road, Bamblee, SD 20241 440-600-5124",
        expect: Expect::Spans(&[]),
    },
];

pub(super) const IP: &[Case] = &[
    Case {
        text: "microsoft.com 192.168.0.1",
        expect: Expect::Spans(&[(14, 25)]),
    },
    Case {
        text: "my ip: 192.168.0",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "microsoft.com 684D:1111:222:3333:4444:5555:6:77",
        expect: Expect::Spans(&[(14, 47)]),
    },
    Case {
        text: "my ip: 684D:1111:222:3333:4444:5555:6:77",
        expect: Expect::Spans(&[(7, 40)]),
    },
    Case {
        text: "684D:1111:222:3333:4444:5555:77",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "2345:0425:2CA1:0000:0000:0567:5673:23b5",
        expect: Expect::Count(1),
    },
    Case {
        text: "2345:0425:2CA1::0567:5673:23b5",
        expect: Expect::Count(1),
    },
    Case {
        text: "2400:c401::5054:ff:fe1b:b031",
        expect: Expect::Count(1),
    },
    Case {
        text: "Use local ipv6 ::",
        expect: Expect::Spans(&[(15, 17)]),
    },
    Case {
        text: "my ip: ::1",
        expect: Expect::Spans(&[(7, 10)]),
    },
    Case {
        text: "connecting from ::1",
        expect: Expect::Spans(&[(16, 19)]),
    },
    Case {
        text: "src=:: dst=::1",
        expect: Expect::Spans(&[(4, 6), (11, 14)]),
    },
    Case {
        text: "2400:c401::5054:ff:fe1b:b031",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "fe80::1",
        expect: Expect::Spans(&[(0, 7)]),
    },
    Case {
        text: "2001:db8::8a2e:370:7334",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "2001:db8:85a3::8a2e:370",
        expect: Expect::Spans(&[(0, 23)]),
    },
    Case {
        text: "2001:db8::1",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "fe80::1%eth0",
        expect: Expect::Spans(&[(0, 12)]),
    },
    Case {
        text: "Server IP: 2001:db8::1",
        expect: Expect::Spans(&[(11, 22)]),
    },
    Case {
        text: "Connect to [2001:db8::1]:8080",
        expect: Expect::Spans(&[(12, 23)]),
    },
    Case {
        text: "my ip is 2400:c401::5054:ff:fe1b:b031",
        expect: Expect::Spans(&[(9, 37)]),
    },
    Case {
        text: "Gateway: fe80::1 on interface",
        expect: Expect::Spans(&[(9, 16)]),
    },
    Case {
        text: "Visit http://[2001:db8::1]/path",
        expect: Expect::Spans(&[(14, 25)]),
    },
    Case {
        text: "SSH to user@2001:db8::1",
        expect: Expect::Spans(&[(12, 23)]),
    },
    Case {
        text: "::ffff:192.0.2.1",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "::ffff:10.0.0.1",
        expect: Expect::Spans(&[(0, 15)]),
    },
    Case {
        text: "::ffff:172.16.0.1",
        expect: Expect::Spans(&[(0, 17)]),
    },
    Case {
        text: "::ffff:127.0.0.1",
        expect: Expect::Spans(&[(0, 16)]),
    },
    Case {
        text: "::ffff:255.255.255.255",
        expect: Expect::Spans(&[(0, 22)]),
    },
    Case {
        text: "::ffff:0.0.0.0",
        expect: Expect::Spans(&[(0, 14)]),
    },
    Case {
        text: "::ffff:0:192.168.1.1",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "::ffff:0000:10.0.0.1",
        expect: Expect::Spans(&[(0, 20)]),
    },
    Case {
        text: "Mapped: ::ffff:192.168.1.1",
        expect: Expect::Spans(&[(8, 26)]),
    },
    Case {
        text: "Connect to ::ffff:10.0.0.1 now",
        expect: Expect::Spans(&[(11, 26)]),
    },
    Case {
        text: "[::ffff:192.168.1.1]:80",
        expect: Expect::Spans(&[(1, 19)]),
    },
    Case {
        text: "::192.168.1.1",
        expect: Expect::Spans(&[(0, 13)]),
    },
    Case {
        text: "::10.0.0.1",
        expect: Expect::Spans(&[(0, 10)]),
    },
    Case {
        text: "::ffff:256.0.0.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "::ffff:192.168.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "2001:db8::192.168.1.1",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "2001:db8:1::192.0.2.1",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "64:ff9b::192.0.2.1",
        expect: Expect::Spans(&[(0, 18)]),
    },
    Case {
        text: "2001:db8:85a3::8a2e:192.168.0.1",
        expect: Expect::Spans(&[(0, 31)]),
    },
    Case {
        text: "0:0:0:0:0:FFFF:129.144.52.38",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "2001:db8:0:0:0:0:192.168.1.1",
        expect: Expect::Spans(&[(0, 28)]),
    },
    Case {
        text: "NAT64: 64:ff9b::198.51.100.1",
        expect: Expect::Spans(&[(7, 28)]),
    },
    Case {
        text: "Tunnel to 2001:db8::10.0.0.1",
        expect: Expect::Spans(&[(10, 28)]),
    },
    Case {
        text: "2001:db8::256.1.1.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IPv4: 192.168.1.1, IPv6: 2001:db8::1",
        expect: Expect::Spans(&[(6, 17), (25, 36)]),
    },
    Case {
        text: "Primary: 10.0.0.1, Secondary: 172.16.0.1",
        expect: Expect::Spans(&[(9, 17), (30, 40)]),
    },
    Case {
        text: "IPs: 192.168.1.1, 10.0.0.1, 2001:db8::1",
        expect: Expect::Spans(&[(5, 16), (18, 26), (28, 39)]),
    },
    Case {
        text: "MAC address aa:bb:cc:dd:ee:ff",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Time 12:34:56",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Ratio 1:2:3:4",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "CSS color #ff00aa",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Version 1.2.3",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Port 80:443",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "abc:def:ghi",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "123:abc",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "file:///path/to/file",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "std::cout",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "MyClass::toString",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: ":::",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "IP192.168.1.1text",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "text192.168.1.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "(192.168.1.1)",
        expect: Expect::Spans(&[(1, 12)]),
    },
    Case {
        text: "'2001:db8::1'",
        expect: Expect::Spans(&[(1, 12)]),
    },
    Case {
        text: "IP: 192.168.1.1.",
        expect: Expect::Spans(&[(4, 15)]),
    },
    Case {
        text: "192.168.1.1,",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "[2001:db8::1]",
        expect: Expect::Spans(&[(1, 12)]),
    },
    Case {
        text: "Server IP: 2400:c401::5054:ff:fe1b:b031.",
        expect: Expect::Spans(&[(11, 39)]),
    },
    Case {
        text: "2001:db8::1.",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "fe80::1text",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "text2001:db8::1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "192.168.1.1.1",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "256.256.256.256",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "192.168.1.256",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "gggg:hhhh::1234",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "192.168.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "300.168.1.1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "12345:db8::1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "2001::db8::1",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "192.168.2.1@eth0",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "text::ffff:192.0.2.1",
        expect: Expect::Spans(&[(11, 20)]),
    },
    Case {
        text: "foo2001:db8::10.0.0.1",
        expect: Expect::Spans(&[(13, 21)]),
    },
    Case {
        text: "localhost 127.0.0.1",
        expect: Expect::Spans(&[(10, 19)]),
    },
    Case {
        text: "Broadcast 255.255.255.255",
        expect: Expect::Spans(&[(10, 25)]),
    },
    Case {
        text: "Private 10.0.0.0",
        expect: Expect::Spans(&[(8, 16)]),
    },
    Case {
        text: "Link-local 169.254.1.1",
        expect: Expect::Spans(&[(11, 22)]),
    },
    Case {
        text: "Subnet 172.16.0.0",
        expect: Expect::Spans(&[(7, 17)]),
    },
    Case {
        text: "Default 0.0.0.0",
        expect: Expect::Spans(&[(8, 15)]),
    },
    Case {
        text: "Unspecified ::",
        expect: Expect::Spans(&[(12, 14)]),
    },
    Case {
        text: "Loopback ::1",
        expect: Expect::Spans(&[(9, 12)]),
    },
    Case {
        text: "Multicast ff02::1",
        expect: Expect::Spans(&[(10, 17)]),
    },
    Case {
        text: "192.168.1.0/24",
        expect: Expect::Spans(&[(0, 14)]),
    },
    Case {
        text: "10.0.0.0/8",
        expect: Expect::Spans(&[(0, 10)]),
    },
    Case {
        text: "0.0.0.0/0",
        expect: Expect::Spans(&[(0, 9)]),
    },
    Case {
        text: "192.168.1.1/32",
        expect: Expect::Spans(&[(0, 14)]),
    },
    Case {
        text: "2001:db8::/32",
        expect: Expect::Spans(&[(0, 13)]),
    },
    Case {
        text: "fe80::/10",
        expect: Expect::Spans(&[(0, 9)]),
    },
    Case {
        text: "::1/128",
        expect: Expect::Spans(&[(0, 7)]),
    },
    Case {
        text: "fe80::1%eth0/64",
        expect: Expect::Spans(&[(0, 15)]),
    },
    Case {
        text: "2001:db8::%eth0/128",
        expect: Expect::Spans(&[(0, 19)]),
    },
    Case {
        text: "::/0",
        expect: Expect::Spans(&[(0, 4)]),
    },
    Case {
        text: "::/128",
        expect: Expect::Spans(&[(0, 6)]),
    },
    Case {
        text: "::ffff:192.168.1.0/96",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "64:ff9b::192.0.2.0/96",
        expect: Expect::Spans(&[(0, 21)]),
    },
    Case {
        text: "Subnet: 192.168.1.0/24",
        expect: Expect::Spans(&[(8, 22)]),
    },
    Case {
        text: "Prefix: 2001:db8::/32",
        expect: Expect::Spans(&[(8, 21)]),
    },
    Case {
        text: "Route is 10.0.0.0/8.",
        expect: Expect::Spans(&[(9, 19)]),
    },
    Case {
        text: "Use 2001:db8::/32.",
        expect: Expect::Spans(&[(4, 17)]),
    },
    Case {
        text: "10.0.0.0/123",
        expect: Expect::Spans(&[(0, 8)]),
    },
    Case {
        text: "2001:db8::/9999",
        expect: Expect::Spans(&[(0, 10)]),
    },
];

pub(super) const MAC: &[Case] = &[
    Case {
        text: "My MAC address is 00:1A:2B:3C:4D:5E",
        expect: Expect::Spans(&[(18, 35)]),
    },
    Case {
        text: "Device MAC: AA:BB:CC:DD:EE:FF",
        expect: Expect::Spans(&[(12, 29)]),
    },
    Case {
        text: "MAC: 01:23:45:67:89:AB",
        expect: Expect::Spans(&[(5, 22)]),
    },
    Case {
        text: "Lowercase MAC: 0a:23:f5:67:89:ac",
        expect: Expect::Spans(&[(15, 32)]),
    },
    Case {
        text: "My MAC address is 00-1A-2B-3C-4D-5E",
        expect: Expect::Spans(&[(18, 35)]),
    },
    Case {
        text: "Hardware address: AA-BB-CC-DD-EE-FF",
        expect: Expect::Spans(&[(18, 35)]),
    },
    Case {
        text: "MAC: 01-23-45-67-89-AB",
        expect: Expect::Spans(&[(5, 22)]),
    },
    Case {
        text: "Lowercase MAC: 01-b3-4a-67-d9-cf",
        expect: Expect::Spans(&[(15, 32)]),
    },
    Case {
        text: "Mixedcase MAC: 0d-B3-4a-6A-d9-cF",
        expect: Expect::Spans(&[(15, 32)]),
    },
    Case {
        text: "Cisco MAC: 0012.3456.789A",
        expect: Expect::Spans(&[(11, 25)]),
    },
    Case {
        text: "My MAC is 0012.3456.789a",
        expect: Expect::Spans(&[(10, 24)]),
    },
    Case {
        text: "Physical address is aabb.ccdd.eeff",
        expect: Expect::Spans(&[(20, 34)]),
    },
    Case {
        text: "MACs: 00:11:22:33:44:55 and AA-BB-CC-DD-EE-FF",
        expect: Expect::Spans(&[(6, 23), (28, 45)]),
    },
    Case {
        text: "ethernet mac address: 00:1A:2B:3C:4D:5E",
        expect: Expect::Spans(&[(22, 39)]),
    },
    Case {
        text: "The hardware address is AA-BB-CC-DD-EE-FF",
        expect: Expect::Spans(&[(24, 41)]),
    },
    Case {
        text: "Not a MAC: 00:1A:2B:3C:4D",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Invalid: ZZ:ZZ:ZZ:ZZ:ZZ:ZZ",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Broadcast: FF:FF:FF:FF:FF:FF",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Invalid: 00:00:00:00:00:00",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "Mixed test cases for hyphens and colons: 10:2F:33-AC-29-C3",
        expect: Expect::Spans(&[]),
    },
];

pub(super) const PHONE: &[Case] = &[
    Case {
        text: "My US number is (415) 555-0132, and my international one is +1 415 555 0132",
        expect: Expect::Spans(&[(16, 30), (60, 75)]),
    },
    Case {
        text: "My Israeli number is 09-7625400",
        expect: Expect::Spans(&[(21, 31)]),
    },
    Case {
        text: "(425) 882 9090",
        expect: Expect::Spans(&[(0, 14)]),
    },
    Case {
        text: "my phone number is:110bcd25-a55d-453a-8046-1297901ea002",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "I am available at (425) 882-9090",
        expect: Expect::Spans(&[(18, 32)]),
    },
    Case {
        text: "This is just a sentence (425) 882-9090",
        expect: Expect::Spans(&[(24, 38)]),
    },
    Case {
        text: "425 8829090",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "This is just a sentence 425 8829090",
        expect: Expect::Spans(&[(24, 35)]),
    },
    Case {
        text: "4258829090",
        expect: Expect::Spans(&[(0, 10)]),
    },
];

pub(super) const US_SSN: &[Case] = &[
    Case {
        text: "078051121",
        expect: Expect::Spans(&[(0, 9)]),
    },
    Case {
        text: "078-05-1123",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "078.05.1123",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "078 05 1123",
        expect: Expect::Spans(&[(0, 11)]),
    },
    Case {
        text: "0780511201",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "078051120",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "000000000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "666000000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "078-05-0000",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "078 00 1123",
        expect: Expect::Spans(&[]),
    },
    Case {
        text: "693-09.4444",
        expect: Expect::Spans(&[]),
    },
];
