from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.location_enum import LocationEnum, check_location_enum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="UserProfile")


@_attrs_define
class UserProfile:
    user: User
    institution: str
    department: str
    location: LocationEnum
    """ * `AF` - Afghanistan
    * `AX` - Åland Islands
    * `AL` - Albania
    * `DZ` - Algeria
    * `AS` - American Samoa
    * `AD` - Andorra
    * `AO` - Angola
    * `AI` - Anguilla
    * `AQ` - Antarctica
    * `AG` - Antigua and Barbuda
    * `AR` - Argentina
    * `AM` - Armenia
    * `AW` - Aruba
    * `AU` - Australia
    * `AT` - Austria
    * `AZ` - Azerbaijan
    * `BS` - Bahamas (The)
    * `BH` - Bahrain
    * `BD` - Bangladesh
    * `BB` - Barbados
    * `BY` - Belarus
    * `BE` - Belgium
    * `BZ` - Belize
    * `BJ` - Benin
    * `BM` - Bermuda
    * `BT` - Bhutan
    * `BO` - Bolivia
    * `BQ` - Bonaire, Sint Eustatius and Saba
    * `BA` - Bosnia and Herzegovina
    * `BW` - Botswana
    * `BV` - Bouvet Island
    * `BR` - Brazil
    * `IO` - British Indian Ocean Territory
    * `BN` - Brunei
    * `BG` - Bulgaria
    * `BF` - Burkina Faso
    * `BI` - Burundi
    * `CV` - Cabo Verde
    * `KH` - Cambodia
    * `CM` - Cameroon
    * `CA` - Canada
    * `KY` - Cayman Islands
    * `CF` - Central African Republic
    * `TD` - Chad
    * `CL` - Chile
    * `CN` - China
    * `CX` - Christmas Island
    * `CC` - Cocos (Keeling) Islands
    * `CO` - Colombia
    * `KM` - Comoros
    * `CG` - Congo
    * `CK` - Cook Islands
    * `CR` - Costa Rica
    * `CI` - Côte d'Ivoire
    * `HR` - Croatia
    * `CU` - Cuba
    * `CW` - Curaçao
    * `CY` - Cyprus
    * `CZ` - Czechia
    * `CD` - Democratic Republic of the Congo
    * `DK` - Denmark
    * `DJ` - Djibouti
    * `DM` - Dominica
    * `DO` - Dominican Republic
    * `EC` - Ecuador
    * `EG` - Egypt
    * `SV` - El Salvador
    * `GQ` - Equatorial Guinea
    * `ER` - Eritrea
    * `EE` - Estonia
    * `SZ` - Eswatini
    * `ET` - Ethiopia
    * `FK` - Falkland Islands (Malvinas)
    * `FO` - Faroe Islands
    * `FJ` - Fiji
    * `FI` - Finland
    * `FR` - France
    * `GF` - French Guiana
    * `PF` - French Polynesia
    * `TF` - French Southern Territories
    * `GA` - Gabon
    * `GM` - Gambia
    * `GE` - Georgia
    * `DE` - Germany
    * `GH` - Ghana
    * `GI` - Gibraltar
    * `GR` - Greece
    * `GL` - Greenland
    * `GD` - Grenada
    * `GP` - Guadeloupe
    * `GU` - Guam
    * `GT` - Guatemala
    * `GG` - Guernsey
    * `GN` - Guinea
    * `GW` - Guinea-Bissau
    * `GY` - Guyana
    * `HT` - Haiti
    * `HM` - Heard Island and McDonald Islands
    * `HN` - Honduras
    * `HK` - Hong Kong
    * `HU` - Hungary
    * `IS` - Iceland
    * `IN` - India
    * `ID` - Indonesia
    * `IR` - Iran
    * `IQ` - Iraq
    * `IE` - Ireland
    * `IM` - Isle of Man
    * `IL` - Israel
    * `IT` - Italy
    * `JM` - Jamaica
    * `JP` - Japan
    * `JE` - Jersey
    * `JO` - Jordan
    * `KZ` - Kazakhstan
    * `KE` - Kenya
    * `KI` - Kiribati
    * `KW` - Kuwait
    * `KG` - Kyrgyzstan
    * `LA` - Laos
    * `LV` - Latvia
    * `LB` - Lebanon
    * `LS` - Lesotho
    * `LR` - Liberia
    * `LY` - Libya
    * `LI` - Liechtenstein
    * `LT` - Lithuania
    * `LU` - Luxembourg
    * `MO` - Macao
    * `MG` - Madagascar
    * `MW` - Malawi
    * `MY` - Malaysia
    * `MV` - Maldives
    * `ML` - Mali
    * `MT` - Malta
    * `MH` - Marshall Islands
    * `MQ` - Martinique
    * `MR` - Mauritania
    * `MU` - Mauritius
    * `YT` - Mayotte
    * `MX` - Mexico
    * `FM` - Micronesia
    * `MD` - Moldova
    * `MC` - Monaco
    * `MN` - Mongolia
    * `ME` - Montenegro
    * `MS` - Montserrat
    * `MA` - Morocco
    * `MZ` - Mozambique
    * `MM` - Myanmar
    * `NA` - Namibia
    * `NR` - Nauru
    * `NP` - Nepal
    * `NL` - Netherlands
    * `NC` - New Caledonia
    * `NZ` - New Zealand
    * `NI` - Nicaragua
    * `NE` - Niger
    * `NG` - Nigeria
    * `NU` - Niue
    * `NF` - Norfolk Island
    * `KP` - North Korea
    * `MK` - North Macedonia
    * `MP` - Northern Mariana Islands
    * `NO` - Norway
    * `OM` - Oman
    * `PK` - Pakistan
    * `PW` - Palau
    * `PS` - Palestine
    * `PA` - Panama
    * `PG` - Papua New Guinea
    * `PY` - Paraguay
    * `PE` - Peru
    * `PH` - Philippines
    * `PN` - Pitcairn
    * `PL` - Poland
    * `PT` - Portugal
    * `PR` - Puerto Rico
    * `QA` - Qatar
    * `RE` - Réunion
    * `RO` - Romania
    * `RU` - Russia
    * `RW` - Rwanda
    * `BL` - Saint Barthélemy
    * `SH` - Saint Helena
    * `KN` - Saint Kitts and Nevis
    * `LC` - Saint Lucia
    * `MF` - Saint Martin (French part)
    * `PM` - Saint Pierre and Miquelon
    * `VC` - Saint Vincent and the Grenadines
    * `WS` - Samoa
    * `SM` - San Marino
    * `ST` - Sao Tome and Principe
    * `SA` - Saudi Arabia
    * `SN` - Senegal
    * `RS` - Serbia
    * `SC` - Seychelles
    * `SL` - Sierra Leone
    * `SG` - Singapore
    * `SX` - Sint Maarten (Dutch part)
    * `SK` - Slovakia
    * `SI` - Slovenia
    * `SB` - Solomon Islands
    * `SO` - Somalia
    * `ZA` - South Africa
    * `GS` - South Georgia
    * `KR` - South Korea
    * `SS` - South Sudan
    * `ES` - Spain
    * `LK` - Sri Lanka
    * `SD` - Sudan
    * `SR` - Suriname
    * `SJ` - Svalbard and Jan Mayen
    * `SE` - Sweden
    * `CH` - Switzerland
    * `SY` - Syria
    * `TW` - Taiwan
    * `TJ` - Tajikistan
    * `TZ` - Tanzania
    * `TH` - Thailand
    * `TL` - Timor-Leste
    * `TG` - Togo
    * `TK` - Tokelau
    * `TO` - Tonga
    * `TT` - Trinidad and Tobago
    * `TN` - Tunisia
    * `TR` - Türkiye
    * `TM` - Turkmenistan
    * `TC` - Turks and Caicos Islands
    * `TV` - Tuvalu
    * `UG` - Uganda
    * `UA` - Ukraine
    * `AE` - United Arab Emirates
    * `GB` - United Kingdom
    * `UM` - United States Minor Outlying Islands
    * `US` - United States of America
    * `UY` - Uruguay
    * `UZ` - Uzbekistan
    * `VU` - Vanuatu
    * `VA` - Vatican City
    * `VE` - Venezuela
    * `VN` - Vietnam
    * `VG` - Virgin Islands (British)
    * `VI` - Virgin Islands (U.S.)
    * `WF` - Wallis and Futuna
    * `EH` - Western Sahara
    * `YE` - Yemen
    * `ZM` - Zambia
    * `ZW` - Zimbabwe """
    mugshot: str = ""
    website: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user = self.user.to_dict()

        mugshot = self.mugshot

        institution = self.institution

        department = self.department

        location: str = self.location

        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "mugshot": mugshot,
                "institution": institution,
                "department": department,
                "location": location,
            }
        )
        if website is not UNSET:
            field_dict["website"] = website

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        user = User.from_dict(d.pop("user"))

        mugshot = d.pop("mugshot")

        institution = d.pop("institution")

        department = d.pop("department")

        location = check_location_enum(d.pop("location"))

        website = d.pop("website", UNSET)

        user_profile = cls(
            user=user,
            mugshot=mugshot,
            institution=institution,
            department=department,
            location=location,
            website=website,
        )

        user_profile.additional_properties = d
        return user_profile

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
