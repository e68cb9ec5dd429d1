package sroi

// DefaultProxies returns the library of financial proxies a new wijk
// starts with; the wijk can edit and extend it. Every entry names a
// public, checkable source and the year of its figure. Where a value is
// derived from a source (a share, a division, a currency conversion) or
// the source is a secondary one, Note says how, and marks it "indicatief":
// good enough for a first analysis, to be replaced by local evidence where
// the outcome matters. Values are not indexed to today's prices; the
// report shows their year.
//
// Wellbeing values from the HACT Social Value Bank are widely used in
// SROI, but they are licensed and may not be redistributed, so they are
// not in this library; a wijk with a licence can add them.
func DefaultProxies() []Proxy {
	return []Proxy{
		{
			ID: "wml-uur", Name: "Uur vrijwillige inzet of burenhulp (vervangingswaarde tegen minimumloon)",
			Value: 1406, Unit: "uur", Year: 2025,
			Source: "Rijksoverheid, Regeling indexatie wettelijk minimumloon per 1 januari 2025: wettelijk minimumuurloon 21 jaar en ouder, € 14,06 bruto",
			URL:    "https://www.rijksoverheid.nl/onderwerpen/minimumloon",
			Note:   "Conservatieve vervangingswaarde; gelijk aan DefaultHourlyRate voor vrijwilligerstijd als input.",
		},
		{
			ID: "wml-uur-werkgever", Name: "Uur hulp die anders betaald ingehuurd wordt (minimumloon met vakantiegeld en vakantie-uren)",
			Value: 1646, Unit: "uur", Year: 2025,
			Source: "Sociale Verzekeringsbank, Bedragen minimumlonen vanaf 1 januari 2025 (pgb): uurloon 21 jaar en ouder met vakantiegeld en vakantie-uren, € 16,46",
			URL:    "https://www.svb.nl/nl/pgb/een-zorgovereenkomst-afsluiten/bedragen-minimumlonen-vanaf-1-januari-2025",
		},
		{
			ID: "bijstand-alleenstaande-jaar", Name: "Bijstandsuitkering die niet meer nodig is, alleenstaande, per jaar",
			Value: 1614540, Unit: "persoon per jaar", Year: 2025,
			Source: "Normbedragen Participatiewet per 1 januari 2025: alleenstaande (ouder) 21 jaar tot AOW-leeftijd, € 1.345,45 netto per maand inclusief vakantietoeslag",
			URL:    "https://www.rijksoverheid.nl/onderwerpen/bijstand",
			Note:   "12 × € 1.345,45. Netto-uitkering; uitvoeringskosten en belastingeffecten niet meegeteld. Alleen bij volledige uitstroom.",
		},
		{
			ID: "bijstand-paar-jaar", Name: "Bijstandsuitkering die niet meer nodig is, gehuwden of samenwonenden, per jaar",
			Value: 2306484, Unit: "huishouden per jaar", Year: 2025,
			Source: "Normbedragen Participatiewet per 1 januari 2025: gehuwden 21 jaar tot AOW-leeftijd, € 1.922,07 netto per maand inclusief vakantietoeslag",
			URL:    "https://www.rijksoverheid.nl/onderwerpen/bijstand",
			Note:   "12 × € 1.922,07. Netto-uitkering; uitvoeringskosten en belastingeffecten niet meegeteld.",
		},
		{
			ID: "wellby-0-1", Name: "Hogere levenstevredenheid: 0,1 punt op de schaal 0–10, een jaar lang (0,1 WELLBY)",
			Value: 148103, Unit: "persoon per jaar", Year: 2019,
			Source: "HM Treasury (2021), Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance — 1 WELLBY = £ 13.000 (prijspeil 2019, bandbreedte £ 10.000–16.000)",
			URL:    "https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing",
			Note:   "Indicatief: Britse waarde, £ 1.300 omgerekend met de gemiddelde ECB-koers van 2019 (0,87777 GBP per euro). Meet de verandering in levenstevredenheid, bijvoorbeeld met de CBS-vraag 'Hoe tevreden bent u met het leven dat u nu leidt?'.",
		},
		{
			ID: "qaly-0-1", Name: "Gezondheidswinst van 0,1 QALY (gewonnen levensjaar in goede gezondheid)",
			Value: 500000, Unit: "persoon", Year: 2013,
			Source: "Van Gils, Schoemaker & Polder (2013), 'Hoeveel mag een gewonnen levensjaar kosten?', Nederlands Tijdschrift voor Geneeskunde 157:A6507 — een QALY is mensen gemiddeld minstens € 50.000 waard",
			URL:    "https://www.ntvg.nl/artikelen/hoeveel-mag-een-gewonnen-levensjaar-kosten",
			Note:   "Ondergrens uit een literatuuroverzicht; 0,1 × € 50.000. Niet geïndexeerd.",
		},
		{
			ID: "energie-besparing-10", Name: "Energiebesparing van 10% voor een gemiddeld huishouden, per jaar",
			Value: 20650, Unit: "huishouden per jaar", Year: 2025,
			Source: "CBS (2025), De energierekening januari 2025: gemiddelde energierekening van huishoudens € 2.065 op jaarbasis",
			URL:    "https://www.cbs.nl/nl-nl/longread/aanvullende-statistische-diensten/2025/de-energierekening-januari-2025",
			Note:   "Afgeleid: 10% van € 2.065. Pas het percentage aan naar de gemeten besparing.",
		},
		{
			ID: "co2-ton", Name: "Vermeden uitstoot van 1 ton CO2",
			Value: 10000, Unit: "ton CO2", Year: 2013,
			Source: "CPB & PBL, WLO-klimaatscenario's en de waardering van CO2-uitstoot in MKBA's: efficiënte CO2-prijs bij de tweegradendoelstelling, bandbreedte € 100–500 per ton in 2030 (prijspeil 2013)",
			URL:    "https://www.wlo2015.nl/rapporten-wlo/wlo-klimaatscenarios-en-de-waardering-van-co2-uitstoot-in-mkbas",
			Note:   "Indicatief: ondergrens van de bandbreedte voor 2030. Gebruik de CO2-prijzen van de nieuwste WLO zodra die voor MKBA's gelden.",
		},
		{
			ID: "opvang-jaar", Name: "Voorkomen verblijf in de maatschappelijke opvang, per persoon per jaar",
			Value: 2323600, Unit: "persoon per jaar", Year: 2011,
			Source: "Cebeon (2011), kosten maatschappelijke opvang feitelijk daklozen (€ 280 mln voor 12.050 personen), zoals berekend in Stichting Zwerfjongeren Nederland (2018), Van kosten naar investering",
			URL:    "https://issuu.com/stichtingzwerfjongerennederland/docs/20180209_van_kosten_naar_investerin",
			Note:   "Indicatief: secundaire bron, prijspeil 2011.",
		},
		{
			ID: "huisuitzetting", Name: "Voorkomen huisuitzetting (directe kosten)",
			Value: 500000, Unit: "huisuitzetting", Year: 2014,
			Source: "Stichting Eropaf! (2014), Quickscan versterken preventie huisuitzettingen: gemiddelde kosten van een huisuitzetting € 5.000–10.000",
			URL:    "https://eropaf.nl/index.php/2014/10/30/quickscan-versterken-preventie-huisuitzettingen/",
			Note:   "Indicatief: ondergrens van de bandbreedte; vervolgkosten zoals opvang niet meegeteld (zie opvang-jaar).",
		},
		{
			ID: "delict-schade", Name: "Voorkomen vermogensdelict of vernieling tegen burgers (financiële schade)",
			Value: 59500, Unit: "delict", Year: 2021,
			Source: "CBS (2022), Financiële schade van criminaliteit tegen burgers: € 2,5 miljard schade door 4,2 miljoen vermogensdelicten en vernielingen in 2021",
			URL:    "https://www.cbs.nl/nl-nl/longread/statistische-trends/2022/financiele-schade-van-criminaliteit-tegen-burgers",
			Note:   "Afgeleid gemiddelde: € 2,5 mld / 4,2 mln. Alleen financiële schade, geen emotionele schade of kosten van politie en justitie.",
		},
		{
			ID: "eenzaamheid-zorgkosten", Name: "Minder ernstige eenzaamheid: vermeden extra zorgkosten, per persoon per jaar",
			Value: 140000, Unit: "persoon per jaar", Year: 2017,
			Source: "Meisters e.a. (2021), International Journal of Public Health: ernstige eenzaamheid gaat samen met ongeveer € 2 miljard extra zorgkosten per jaar (zorgkosten 2017); ongeveer 1 op de 10 volwassenen is ernstig eenzaam",
			URL:    "https://www.medicalfacts.nl/2021/02/09/aanpakken-eenzaamheid-drukt-ook-zorgkosten/",
			Note:   "Indicatief en afgeleid: € 2 mld / ca. 1,4 mln ernstig eenzame volwassenen, afgerond. Samenhang, geen bewezen oorzaak: gebruik een hoge deadweight of attributie.",
		},
		{
			ID: "zwerfafval-kg", Name: "Zwerfafval opgeruimd door bewoners, per kg (vermeden opruimkosten)",
			Value: 81, Unit: "kg", Year: 2021,
			Source: "Tauw in opdracht van Rijkswaterstaat (2023), Definitieve bevindingen kostenonderzoek zwerfafval, peiljaar 2021: € 324 mln, waarvan € 80 mln voor afvalbakken; Mooi Schoon: circa 300 miljoen kilo zwerfafval per jaar",
			URL:    "https://open.rijkswaterstaat.nl/open-overheid/onderzoeksrapporten/@258329/definitieve-bevindingen-kostenonderzoek/",
			Note:   "Indicatief en afgeleid: (€ 324 mln − € 80 mln) / 300 mln kg ≈ € 0,81 per kg; de hoeveelheid komt uit een andere, oudere bron.",
		},
		{
			ID: "kinderopvang-uur", Name: "Uur opvang van een jong kind door buren of familie (vervangingswaarde dagopvang)",
			Value: 1071, Unit: "uur", Year: 2025,
			Source: "Ministerie van SZW, maximum uurprijs kinderopvangtoeslag 2025 voor dagopvang: € 10,71",
			URL:    "https://www.rijksoverheid.nl/onderwerpen/kinderopvangtoeslag",
			Note:   "Indicatief: de maximum uurprijs van de toeslag, niet de marktprijs (die ligt vaak hoger).",
		},
		{
			ID: "bso-uur", Name: "Uur naschoolse opvang of begeleiding van een schoolkind (vervangingswaarde BSO)",
			Value: 952, Unit: "uur", Year: 2025,
			Source: "Ministerie van SZW, maximum uurprijs kinderopvangtoeslag 2025 voor buitenschoolse opvang: € 9,52",
			URL:    "https://www.rijksoverheid.nl/onderwerpen/kinderopvangtoeslag",
			Note:   "Indicatief: de maximum uurprijs van de toeslag, niet de marktprijs.",
		},
	}
}
