"""The business rules (IDs, flags, contexts, tests, messages) of the OpenPeppol rule release 2026.5.

GENERATED: do not edit by hand; adopt a new release with the same command
(README: "Adopting a new Peppol rule release"):

    python tools/import_rules.py ../shared/peppol-ordering/schematron/release-2026.5 --name 2026.5 --bis 3.0.17
"""

from __future__ import annotations

RELEASE = '2026.5'

BUSINESS_RULES: dict[str, tuple[tuple[str, str, str, str, str], ...]] = {'T01': (('PEPPOL-COMMON-R001',
          'fatal',
          '//*[not(*) and not(normalize-space())]',
          'false()',
          'Document MUST not contain empty elements.'),
         ('PEPPOL-COMMON-R003',
          'warning',
          '/*',
          'not(@*:schemaLocation)',
          'Document SHOULD not contain schema location.'),
         ('PEPPOL-COMMON-R030',
          'fatal',
          'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
          'cbc:ActualDeliveryDate',
          '(string(.) castable as xs:date) and (string-length(.) = 10)',
          'A date must be formatted YYYY-MM-DD.'),
         ('PEPPOL-COMMON-R040',
          'fatal',
          "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0088'] | cbc:CompanyID[@schemeID = '0088']",
          "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
          'GLN must have a valid format according to GS1 rules.'),
         ('PEPPOL-COMMON-R041',
          'fatal',
          "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0192'] | cbc:CompanyID[@schemeID = '0192']",
          "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
          'Norwegian organization number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R042',
          'fatal',
          "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0184'] | cbc:CompanyID[@schemeID = '0184']",
          "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
          "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
          '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
          "8),'1234567890', '')) = 0)",
          'Danish organization number (CVR) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R052',
          'fatal',
          "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0096'] | cbc:CompanyID[@schemeID = '0096']",
          '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
          "10),'1234567890', '')) = 0)",
          'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R053',
          'fatal',
          "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0198'] | cbc:CompanyID[@schemeID = '0198']",
          "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
          "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
          'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R043',
          'fatal',
          "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0208'] | cbc:CompanyID[@schemeID = '0208']",
          "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
          'Belgian enterprise number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R044',
          'warning',
          "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0201'] | cbc:CompanyID[@schemeID = '0201']",
          'u:checkCodiceIPA(normalize-space())',
          'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct format'),
         ('PEPPOL-COMMON-R045',
          'warning',
          "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0210'] | cbc:CompanyID[@schemeID = '0210']",
          'u:checkCF(normalize-space())',
          'Tax Code (Codice Fiscale) must be stated in the correct format'),
         ('PEPPOL-COMMON-R046',
          'warning',
          "cbc:EndpointID[@schemeID = '9907']",
          'u:checkCF(normalize-space())',
          'Tax Code (Codice Fiscale) must be stated in the correct format'),
         ('PEPPOL-COMMON-R047',
          'warning',
          "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0211'] | cbc:CompanyID[@schemeID = '0211']",
          'u:checkPIVAseIT(normalize-space())',
          'Italian VAT Code (Partita Iva) must be stated in the correct format'),
         ('PEPPOL-COMMON-R049',
          'fatal',
          "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0007'] | cbc:CompanyID[@schemeID = '0007']",
          'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
          "'NaN' and u:checkSEOrgnr(normalize-space())",
          'Swedish organization number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R050',
          'fatal',
          "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0151'] | cbc:CompanyID[@schemeID = '0151']",
          "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
          'Australian Business Number (ABN) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R054',
          'warning',
          "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0106'] | cbc:CompanyID[@schemeID = '0106']",
          "matches(normalize-space(), '^[0-9]{8}$')",
          'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct format '
          '(12345678).'),
         ('PEPPOL-COMMON-R055',
          'warning',
          "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0190'] | cbc:CompanyID[@schemeID = '0190']",
          "matches(normalize-space(), '^[0-9]{20}$')",
          'Dutch organization identification numbers (0190) MUST be stated in the correct '
          'format (12345678901234567890).'),
         ('PEPPOL-COMMON-R056-1',
          'warning',
          "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'9944'] | cbc:CompanyID[@schemeID = '9944']",
          "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
          'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
         ('PEPPOL-COMMON-R056-2',
          'warning',
          "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
          "[starts-with(normalize-space(.), 'NL')]",
          "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
          'Dutch VAT numbers MUST have the format (NL123456789B12).'),
         ('PEPPOL-COMMON-R057',
          'warning',
          "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0217'] | cbc:CompanyID[@schemeID = '0217']",
          "matches(normalize-space(), '^[0-9]{12}$')",
          'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
          'correct format (123456789012).'),
         ('PEPPOL-T01-R031',
          'fatal',
          'cbc:ProfileID',
          "some $p in tokenize('urn:fdc:peppol.eu:poacc:bis:order_only:3 "
          'urn:fdc:peppol.eu:poacc:bis:ordering:3 '
          "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3', '\\s') satisfies $p = "
          'normalize-space(.)',
          'An order transaction SHALL use profile order only, ordering or advanced_ordering.'),
         ('PEPPOL-T01-R034',
          'fatal',
          'cbc:CustomizationID',
          "starts-with(normalize-space(.), 'urn:fdc:peppol.eu:poacc:trns:order:3')",
          'Specification identifier SHALL start with the value '
          "'urn:fdc:peppol.eu:poacc:trns:order:3'."),
         ('PEPPOL-T01-R003',
          'fatal',
          'cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount | '
          'cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*',
          'not(@currencyID) or @currencyID = $documentCurrencyCode',
          'An order SHALL be stated in a single currency'),
         ('PEPPOL-T01-R028',
          'fatal',
          'cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount | '
          'cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*',
          "ancestor::node()/local-name() = 'Price' or string-length(substring-after(., '.')) "
          '<= 2',
          'Elements of data type amount cannot have more than 2 decimals (I.e. all amounts '
          'except unit price amounts)'),
         ('PEPPOL-T01-R002',
          'warning',
          'ubl:Order',
          'cac:ValidityPeriod/cbc:EndDate',
          'An order SHOULD provide information about its validity end date.'),
         ('PEPPOL-T01-R014',
          'fatal',
          'cac:OriginatorCustomerParty',
          'cac:Party/cac:PartyName/cbc:Name or cac:Party/cac:PartyIdentification/cbc:ID',
          'An order SHALL have the originator party name or an identifier'),
         ('PEPPOL-T01-R026',
          'fatal',
          "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']",
          "( contains( 'AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG "
          'BH BI BL BJ BM BN BO BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU '
          'CV CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE '
          'GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ '
          'IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV '
          'LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF '
          'NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RO RS RU RW '
          'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ TC TD TF TG TH TJ TK TL TM '
          'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM '
          "ZW',substring(cbc:CompanyID,1,2) ) )",
          'When TAX is VAT then Party VAT identifiers SHALL have a prefix in accordance with '
          'ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. '
          'Nevertheless, Greece may use the prefix ‘EL’.'),
         ('PEPPOL-T01-R006',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$payableAmount >=0',
          'Expected total amount for payment SHALL NOT be negative'),
         ('PEPPOL-T01-R007',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$lineEtensionAmount >=0',
          'Expected total sum of line amounts SHALL NOT be negative'),
         ('PEPPOL-T01-R008',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$lineEtensionAmount = $sumLineExtensionAmount',
          'Expected total sum of line amounts SHALL equal the sum of the order line amounts at '
          'order line level'),
         ('PEPPOL-T01-R009',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$allowanceTotalAmount = $sumAllowance',
          'Expected total sum of allowance at document level SHALL be equal to the sum of '
          'allowance amounts at document level'),
         ('PEPPOL-T01-R010',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$chargeTotalAmount= $sumCharge',
          'Expected total sum of charges at document level SHALL be equal to the sum of charge '
          'amounts at document level'),
         ('PEPPOL-T01-R011',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          '$taxexclusiveAmount = $lineEtensionAmount - $allowanceTotalAmount + '
          '$chargeTotalAmount',
          'Expected total amount without TAX = Expected total sum of line amounts - Sum of '
          'allowances on document level + Sum of charges on document level'),
         ('PEPPOL-T01-R016',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          'if ($taxinclusiveAmount) then ($payableAmount = $taxinclusiveAmount - '
          '$prepaidAmount + $roundingAmount) else 1',
          'Amount due for payment = Invoice total amount with TAX - Paid amount + Rounding '
          'amount.'),
         ('PEPPOL-T01-R017',
          'fatal',
          'cac:AnticipatedMonetaryTotal',
          'if($taxinclusiveAmount and /ubl:Order/cac:TaxTotal) then ($taxinclusiveAmount = '
          '$taxexclusiveAmount + $TAXamount) else 1',
          'Expected total amount with TAX = Expected total amount without TAX + Order total '
          'TAX amount.'),
         ('PEPPOL-T01-R020',
          'fatal',
          'cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)] | '
          '/ubl:Order/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[cbc:MultiplierFactorNumeric '
          'and not(cbc:BaseAmount)]',
          'false()',
          'Allowance/charge base amount SHALL be provided when allowance/charge percentage is '
          'provided.'),
         ('PEPPOL-T01-R021',
          'fatal',
          '/ubl:Order/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and cbc:BaseAmount] '
          '| '
          '/ubl:Order/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) '
          'and cbc:BaseAmount]',
          'false()',
          'Allowance/charge percentage SHALL be provided when allowance/charge base amount is '
          'provided.'),
         ('PEPPOL-T01-R022',
          'fatal',
          '/ubl:Order/cac:AllowanceCharge '
          '|/ubl:Order/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
          'not(cbc:MultiplierFactorNumeric and cbc:BaseAmount) or u:slack(if (cbc:Amount) then '
          'cbc:Amount else 0, (xs:decimal(cbc:BaseAmount) * '
          'xs:decimal(cbc:MultiplierFactorNumeric)) div 100, 0.02)',
          'Allowance/charge amount SHALL equal base amount * percentage/100 if base amount and '
          'percentage exists'),
         ('PEPPOL-T01-R023',
          'fatal',
          '/ubl:Order/cac:AllowanceCharge '
          '|/ubl:Order/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
          'exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)',
          'Each document or line level allowance SHALL have an allowance reason text or an '
          'allowance reason code.'),
         ('PEPPOL-T01-R032',
          'fatal',
          '/ubl:Order/cac:AllowanceCharge '
          '|/ubl:Order/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
          'number(cbc:Amount) >= 0',
          'Allowance or charge amounts SHALL NOT be negative.'),
         ('PEPPOL-T01-R029',
          'fatal',
          'cac:TaxCategory | cac:ClassifiedTaxCategory',
          "cbc:Percent or (normalize-space(cbc:ID)='O')",
          'Each Tax Category SHALL have a TAX category rate, except if the order is not '
          'subject to TAX.'),
         ('PEPPOL-T01-R030',
          'fatal',
          'cac:TaxCategory | cac:ClassifiedTaxCategory',
          "not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0",
          'When TAX category code is "Standard rated" (S) the TAX rate SHALL be greater than '
          'zero.'),
         ('PEPPOL-T01-R024',
          'fatal',
          'cac:OrderLine/cac:LineItem',
          'u:slack($lineExtensionAmount, ($quantity * ($priceAmount div $baseQuantity)) + '
          '$chargesTotal - $allowancesTotal, 0.02)',
          'Order line net amount SHALL equal (Ordered quantity * (Item net price/item price '
          'base quantity) + Order line charge amount - Order line allowance amount'),
         ('PEPPOL-T01-R025',
          'fatal',
          'cac:OrderLine/cac:LineItem',
          'not(cac:Price/cbc:BaseQuantity) or xs:decimal(cac:Price/cbc:BaseQuantity) > 0',
          'Base quantity SHALL be a positive number above zero.'),
         ('PEPPOL-T01-R001',
          'fatal',
          'cac:OrderLine/cac:LineItem',
          "count(key('k_lineId',cbc:ID)) = 1",
          'Each order line SHALL have a document line identifier that is unique within the '
          'order.'),
         ('PEPPOL-T01-R004',
          'fatal',
          'cac:OrderLine/cac:LineItem',
          'number(cbc:Quantity) >=0',
          'Each order line ordered quantity SHALL not be negative'),
         ('PEPPOL-T01-R013',
          'warning',
          'cac:OrderLine/cac:LineItem',
          'cbc:Quantity',
          'Each order line SHOULD have an ordered quantity'),
         ('PEPPOL-T01-R019',
          'fatal',
          'cac:Price/cac:AllowanceCharge',
          'not(cbc:BaseAmount) or xs:decimal(../cbc:PriceAmount) = xs:decimal(cbc:BaseAmount) '
          '- xs:decimal(cbc:Amount)',
          'Item net price SHALL equal (Gross price - Allowance amount) when gross price is '
          'provided.'),
         ('PEPPOL-T01-R005',
          'fatal',
          'cac:Price',
          'number(cbc:PriceAmount) >=0',
          'Each order line item net price SHALL not be negative'),
         ('PEPPOL-T01-R027',
          'fatal',
          'cac:Price',
          '(cac:AllowanceCharge/cbc:BaseAmount) >= 0 or '
          'not(exists(cac:AllowanceCharge/cbc:BaseAmount))',
          'The Item gross price SHALL NOT be negative.'),
         ('PEPPOL-T01-R033',
          'fatal',
          'cac:Price',
          'number(cac:AllowanceCharge/cbc:Amount) >= 0 or '
          'not(exists(cac:AllowanceCharge/cbc:Amount))',
          'Allowance or charge amounts SHALL NOT be negative.'),
         ('PEPPOL-T01-R035',
          'fatal',
          'cac:QuotationLineReference/cbc:LineID',
          'exists(/*/cac:QuotationDocumentReference/cbc:ID)',
          'The quotation document reference MUST be provided when referencing a quotation '
          'line'),
         ('PEPPOL-T01-CL001',
          'fatal',
          "cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode",
          'some $code in $clUNCL5189 satisfies normalize-space(text()) = $code',
          'Reason code MUST be according to subset of UNCL 5189 D.16B.'),
         ('PEPPOL-T01-CL002',
          'fatal',
          "cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode",
          'some $code in $clUNCL7161 satisfies normalize-space(text()) = $code',
          'Reason code MUST be according to UNCL 7161 D.16B.')),
 'T110': (('PEPPOL-COMMON-R001',
           'fatal',
           '//*[not(*) and not(normalize-space())]',
           'false()',
           'Document MUST not contain empty elements.'),
          ('PEPPOL-COMMON-R003',
           'warning',
           '/*',
           'not(@*:schemaLocation)',
           'Document SHOULD not contain schema location.'),
          ('PEPPOL-COMMON-R030',
           'fatal',
           'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
           'cbc:ActualDeliveryDate',
           '(string(.) castable as xs:date) and (string-length(.) = 10)',
           'A date must be formatted YYYY-MM-DD.'),
          ('PEPPOL-COMMON-R040',
           'fatal',
           "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0088'] | cbc:CompanyID[@schemeID = '0088']",
           "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
           'GLN must have a valid format according to GS1 rules.'),
          ('PEPPOL-COMMON-R041',
           'fatal',
           "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0192'] | cbc:CompanyID[@schemeID = '0192']",
           "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
           'Norwegian organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R042',
           'fatal',
           "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0184'] | cbc:CompanyID[@schemeID = '0184']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
           '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
           "8),'1234567890', '')) = 0)",
           'Danish organization number (CVR) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R052',
           'fatal',
           "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0096'] | cbc:CompanyID[@schemeID = '0096']",
           '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
           "10),'1234567890', '')) = 0)",
           'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R053',
           'fatal',
           "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0198'] | cbc:CompanyID[@schemeID = '0198']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
           'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R043',
           'fatal',
           "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0208'] | cbc:CompanyID[@schemeID = '0208']",
           "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
           'Belgian enterprise number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R044',
           'warning',
           "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0201'] | cbc:CompanyID[@schemeID = '0201']",
           'u:checkCodiceIPA(normalize-space())',
           'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct '
           'format'),
          ('PEPPOL-COMMON-R045',
           'warning',
           "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0210'] | cbc:CompanyID[@schemeID = '0210']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R046',
           'warning',
           "cbc:EndpointID[@schemeID = '9907']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R047',
           'warning',
           "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0211'] | cbc:CompanyID[@schemeID = '0211']",
           'u:checkPIVAseIT(normalize-space())',
           'Italian VAT Code (Partita Iva) must be stated in the correct format'),
          ('PEPPOL-COMMON-R049',
           'fatal',
           "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0007'] | cbc:CompanyID[@schemeID = '0007']",
           'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
           "'NaN' and u:checkSEOrgnr(normalize-space())",
           'Swedish organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R050',
           'fatal',
           "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0151'] | cbc:CompanyID[@schemeID = '0151']",
           "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
           'Australian Business Number (ABN) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R054',
           'warning',
           "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0106'] | cbc:CompanyID[@schemeID = '0106']",
           "matches(normalize-space(), '^[0-9]{8}$')",
           'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct '
           'format (12345678).'),
          ('PEPPOL-COMMON-R055',
           'warning',
           "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0190'] | cbc:CompanyID[@schemeID = '0190']",
           "matches(normalize-space(), '^[0-9]{20}$')",
           'Dutch organization identification numbers (0190) MUST be stated in the correct '
           'format (12345678901234567890).'),
          ('PEPPOL-COMMON-R056-1',
           'warning',
           "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'9944'] | cbc:CompanyID[@schemeID = '9944']",
           "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
          ('PEPPOL-COMMON-R056-2',
           'warning',
           "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
           "[starts-with(normalize-space(.), 'NL')]",
           "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers MUST have the format (NL123456789B12).'),
          ('PEPPOL-COMMON-R057',
           'warning',
           "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0217'] | cbc:CompanyID[@schemeID = '0217']",
           "matches(normalize-space(), '^[0-9]{12}$')",
           'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
           'correct format (123456789012).'),
          ('PEPPOL-T110-R030',
           'fatal',
           'cbc:CustomizationID',
           "starts-with(normalize-space(.), 'urn:fdc:peppol.eu:poacc:trns:order_agreement:3')",
           'Specification identifier SHALL start with the value '
           "'urn:fdc:peppol.eu:poacc:trns:order_agreement:3'."),
          ('PEPPOL-T110-R002',
           'fatal',
           'cac:Item',
           '(cac:StandardItemIdentification/cbc:ID) or (cac:SellersItemIdentification/cbc:ID)',
           'Each item in an Order agreement line SHALL be identifiable by either "item sellers '
           'identifier" or "item standard identifier"'),
          ('PEPPOL-T110-R004',
           'fatal',
           'cbc:Amount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | '
           'cbc:PriceAmount | cbc:BaseAmount | cac:LegalMonetaryTotal/cbc:*',
           'not(@currencyID) or @currencyID = $documentCurrencyCode',
           'All amounts SHALL have same currency code as document currency'),
          ('PEPPOL-T110-R013',
           'fatal',
           'cbc:Amount | cbc:TaxAmount | cbc:TaxableAmount | cbc:LineExtensionAmount | '
           'cbc:PriceAmount | cbc:BaseAmount | cac:LegalMonetaryTotal/cbc:*',
           "ancestor::node()/local-name() = 'Price' or string-length(substring-after(., '.')) "
           '<= 2',
           'Elements of data type amount cannot have more than 2 decimals (I.e. all amounts '
           'except unit price amounts)'),
          ('PEPPOL-T110-R024',
           'fatal',
           'cac:TaxTotal/cac:TaxSubtotal',
           '(round(cac:TaxCategory/xs:decimal(cbc:Percent)) = 0 and '
           '(round(xs:decimal(cbc:TaxAmount)) = 0)) or '
           '(round(cac:TaxCategory/xs:decimal(cbc:Percent)) != 0 and '
           '(xs:decimal(cbc:TaxAmount) = round(xs:decimal(cbc:TaxableAmount) * '
           '(cac:TaxCategory/xs:decimal(cbc:Percent) div 100) * 10 * 10) div 100 )) or '
           '(not(exists(cac:TaxCategory/xs:decimal(cbc:Percent))) and '
           '(round(xs:decimal(cbc:TaxAmount)) = 0))',
           'TAX category tax amount = TAX category taxable amount x (TAX category rate / 100), '
           'rounded to two decimals.'),
          ('PEPPOL-T110-R025',
           'fatal',
           '/ubl:OrderResponse/cac:TaxTotal[cac:TaxSubtotal]',
           '(xs:decimal(child::cbc:TaxAmount)= '
           'round((sum(cac:TaxSubtotal/xs:decimal(cbc:TaxAmount)) * 10 * 10)) div 100) or '
           'not(cac:TaxSubtotal)',
           'If TAX breakdown is present, the order agreement TAX total amount = Σ TAX category '
           'tax amount.'),
          ('PEPPOL-T110-R028',
           'fatal',
           'cac:TaxSubtotal/cac:TaxCategory[not(cbc:TaxExemptionReason)]',
           "contains( ' S Z L M ',concat(' ',normalize-space(cbc:ID),' '))",
           'A TAX breakdown with TAX Category codes E, AE, K, G or O SHALL have a TAX '
           'exemption reason text'),
          ('PEPPOL-T110-R029',
           'fatal',
           'cac:TaxSubtotal/cac:TaxCategory[cbc:TaxExemptionReason]',
           "contains( ' E AE O K G ',concat(' ',normalize-space(cbc:ID),' '))",
           'A TAX breakdown with TAX Category codes S, Z, L and M SHALL NOT have a TAX '
           'exemption reason text'),
          ('PEPPOL-T110-R026',
           'fatal',
           'cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory',
           'not(cbc:Percent) or not(//cac:TaxTotal) or (some $cat in $taxCategoryPercents '
           'satisfies $cat = $category)',
           'Tax category rates MUST match provided tax categories on document level when such '
           'exists.'),
          ('PEPPOL-T110-R027',
           'fatal',
           'cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory',
           'not(//cac:TaxTotal) or (some $cat in $taxCategories satisfies $cat = cbc:ID)',
           'Tax categories MUST match provided tax categories on document level when such '
           'exists.'),
          ('PEPPOL-T110-R019',
           'fatal',
           'cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory',
           "cbc:Percent or (normalize-space(cbc:ID)='O')",
           'Each Tax Category SHALL have a TAX category rate, except if the order is not '
           'subject to TAX.'),
          ('PEPPOL-T110-R020',
           'fatal',
           'cac:AllowanceCharge/cac:TaxCategory | cac:Item/cac:ClassifiedTaxCategory',
           "not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0",
           'When TAX category code is "Standard rated" (S) the TAX rate SHALL be greater than '
           'zero.'),
          ('PEPPOL-T110-R014',
           'fatal',
           'cac:LegalMonetaryTotal',
           'count(//cac:OrderLine) = count(//cac:LineItem/cbc:LineExtensionAmount)',
           'If document totals is provided, all order agreement lines SHALL have a line '
           'extension amount'),
          ('PEPPOL-T110-R005',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:PayableAmount) or cbc:PayableAmount >= 0',
           'Total amount for payment SHALL NOT be negative, if expected total amount for '
           'payment is provided.'),
          ('PEPPOL-T110-R006',
           'fatal',
           'cac:LegalMonetaryTotal',
           '$lineExtensionAmount >= 0',
           'Total amount for payment SHALL NOT be negative, if expected total amount for '
           'payment is provided.'),
          ('PEPPOL-T110-R007',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:LineExtensionAmount) or $lineExtensionAmount = $lineExtensionTotal',
           'Total sum of line amounts SHALL equal the sum of the order line amounts at order '
           'line level, if total sum of line amounts is provided.'),
          ('PEPPOL-T110-R008',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:ChargeTotalAmount) or $chargeTotalAmount = $chargeTotal',
           'Total sum of charges at document level SHALL be equal to the sum of charges at '
           'document level, if total sum of charges at document level is provided.'),
          ('PEPPOL-T110-R009',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:AllowanceTotalAmount) or $allowanceTotalAmount = $allowanceTotal',
           'Total sum of allowance at document level SHALL be equal to the sum of allowance '
           'amounts at document level, if total sum of allowance at document level is '
           'provided.'),
          ('PEPPOL-T110-R010',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:TaxExclusiveAmount) or $taxExclusiveAmount = $lineExtensionAmount + '
           '$chargeTotalAmount - $allowanceTotalAmount',
           'Tax exclusive amount SHALL equal the sum of line amount plus total charge amount '
           'at document level less total allowance amount at document level if tax exclusive '
           'amount is provided.'),
          ('PEPPOL-T110-R011',
           'fatal',
           'cac:LegalMonetaryTotal',
           '$taxInclusiveAmount = $taxExclusiveAmount + $taxTotal',
           'Tax inclusive amount SHALL equal tax exclusive amount plus total tax amount.'),
          ('PEPPOL-T110-R012',
           'fatal',
           'cac:LegalMonetaryTotal',
           'not(cbc:PayableAmount) or $payableAmount = $taxInclusiveAmount - $prepaidAmount + '
           '$payableRoundingAmount',
           'Total amount for payment SHALL be equal to the tax inclusive amount minus the '
           'prepaid amount plus rounding amount'),
          ('PEPPOL-T110-R015',
           'fatal',
           '/ubl:OrderResponse/cac:AllowanceCharge[cbc:MultiplierFactorNumeric and '
           'not(cbc:BaseAmount)]',
           'false()',
           'Allowance/charge base amount SHALL be provided when allowance/charge percentage is '
           'provided.'),
          ('PEPPOL-T110-R016',
           'fatal',
           '/ubl:OrderResponse/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and '
           'cbc:BaseAmount]',
           'false()',
           'Allowance/charge percentage SHALL be provided when allowance/charge base amount is '
           'provided.'),
          ('PEPPOL-T110-R017',
           'fatal',
           '/ubl:OrderResponse/cac:AllowanceCharge',
           'not(cbc:MultiplierFactorNumeric and cbc:BaseAmount) or u:slack(if (cbc:Amount) '
           'then cbc:Amount else 0, (xs:decimal(cbc:BaseAmount) * '
           'xs:decimal(cbc:MultiplierFactorNumeric)) div 100, 0.02)',
           'Allowance/charge amount SHALL equal base amount * percentage/100 if base amount '
           'and percentage exists'),
          ('PEPPOL-T110-R018',
           'fatal',
           '/ubl:OrderResponse/cac:AllowanceCharge',
           'exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)',
           'Each document level allowance SHALL have an allowance reason text or an allowance '
           'reason code.'),
          ('PEPPOL-T110-R021',
           'fatal',
           '/ubl:OrderResponse/cac:AllowanceCharge',
           'number(cbc:Amount) >= 0',
           'Document level allowance or charge amounts SHALL NOT be negative.'),
          ('PEPPOL-T110-R001',
           'fatal',
           'cac:Price',
           'number(cbc:PriceAmount) >=0',
           'Each order agreement line item net price SHALL not be negative'),
          ('PEPPOL-T110-R022',
           'fatal',
           'cac:Price',
           '(cac:AllowanceCharge/cbc:BaseAmount) >= 0 or '
           'not(exists(cac:AllowanceCharge/cbc:BaseAmount))',
           'The Item gross price SHALL NOT be negative.'),
          ('PEPPOL-T110-R023',
           'fatal',
           'cac:Price',
           'number(cac:AllowanceCharge/cbc:Amount) >= 0 or '
           'not(exists(cac:AllowanceCharge/cbc:Amount))',
           'Allowance or charge price amounts SHALL NOT be negative.'),
          ('PEPPOL-T110-CL001',
           'fatal',
           "cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode",
           'some $code in $clUNCL5189 satisfies normalize-space(text()) = $code',
           'Reason code MUST be according to subset of UNCL 5189 D.16B.'),
          ('PEPPOL-T110-CL002',
           'fatal',
           "cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode",
           'some $code in $clUNCL7161 satisfies normalize-space(text()) = $code',
           'Reason code MUST be according to UNCL 7161 D.16B.')),
 'T114': (('PEPPOL-COMMON-R001',
           'fatal',
           '//*[not(*) and not(normalize-space())]',
           'false()',
           'Document MUST not contain empty elements.'),
          ('PEPPOL-COMMON-R003',
           'warning',
           '/*',
           'not(@*:schemaLocation)',
           'Document SHOULD not contain schema location.'),
          ('PEPPOL-COMMON-R030',
           'fatal',
           'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
           'cbc:ActualDeliveryDate',
           '(string(.) castable as xs:date) and (string-length(.) = 10)',
           'A date must be formatted YYYY-MM-DD.'),
          ('PEPPOL-COMMON-R040',
           'fatal',
           "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0088'] | cbc:CompanyID[@schemeID = '0088']",
           "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
           'GLN must have a valid format according to GS1 rules.'),
          ('PEPPOL-COMMON-R041',
           'fatal',
           "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0192'] | cbc:CompanyID[@schemeID = '0192']",
           "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
           'Norwegian organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R042',
           'fatal',
           "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0184'] | cbc:CompanyID[@schemeID = '0184']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
           '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
           "8),'1234567890', '')) = 0)",
           'Danish organization number (CVR) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R052',
           'fatal',
           "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0096'] | cbc:CompanyID[@schemeID = '0096']",
           '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
           "10),'1234567890', '')) = 0)",
           'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R053',
           'fatal',
           "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0198'] | cbc:CompanyID[@schemeID = '0198']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
           'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R043',
           'fatal',
           "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0208'] | cbc:CompanyID[@schemeID = '0208']",
           "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
           'Belgian enterprise number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R044',
           'warning',
           "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0201'] | cbc:CompanyID[@schemeID = '0201']",
           'u:checkCodiceIPA(normalize-space())',
           'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct '
           'format'),
          ('PEPPOL-COMMON-R045',
           'warning',
           "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0210'] | cbc:CompanyID[@schemeID = '0210']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R046',
           'warning',
           "cbc:EndpointID[@schemeID = '9907']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R047',
           'warning',
           "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0211'] | cbc:CompanyID[@schemeID = '0211']",
           'u:checkPIVAseIT(normalize-space())',
           'Italian VAT Code (Partita Iva) must be stated in the correct format'),
          ('PEPPOL-COMMON-R049',
           'fatal',
           "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0007'] | cbc:CompanyID[@schemeID = '0007']",
           'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
           "'NaN' and u:checkSEOrgnr(normalize-space())",
           'Swedish organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R050',
           'fatal',
           "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0151'] | cbc:CompanyID[@schemeID = '0151']",
           "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
           'Australian Business Number (ABN) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R054',
           'warning',
           "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0106'] | cbc:CompanyID[@schemeID = '0106']",
           "matches(normalize-space(), '^[0-9]{8}$')",
           'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct '
           'format (12345678).'),
          ('PEPPOL-COMMON-R055',
           'warning',
           "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0190'] | cbc:CompanyID[@schemeID = '0190']",
           "matches(normalize-space(), '^[0-9]{20}$')",
           'Dutch organization identification numbers (0190) MUST be stated in the correct '
           'format (12345678901234567890).'),
          ('PEPPOL-COMMON-R056-1',
           'warning',
           "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'9944'] | cbc:CompanyID[@schemeID = '9944']",
           "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
          ('PEPPOL-COMMON-R056-2',
           'warning',
           "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
           "[starts-with(normalize-space(.), 'NL')]",
           "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers MUST have the format (NL123456789B12).'),
          ('PEPPOL-COMMON-R057',
           'warning',
           "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0217'] | cbc:CompanyID[@schemeID = '0217']",
           "matches(normalize-space(), '^[0-9]{12}$')",
           'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
           'correct format (123456789012).'),
          ('PEPPOL-T114-R031',
           'fatal',
           'cbc:ProfileID',
           "some $p in tokenize('urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3', '\\s') "
           'satisfies $p = normalize-space(.)',
           'An order change transaction MUST use profile advanced_ordering.'),
          ('PEPPOL-T114-R034',
           'fatal',
           'cbc:CustomizationID',
           "starts-with(normalize-space(.), 'urn:fdc:peppol.eu:poacc:trns:order_change:3')",
           'Specification identifier MUST start with the value '
           "'urn:fdc:peppol.eu:poacc:trns:order_change:3'."),
          ('PEPPOL-T114-R003',
           'fatal',
           'cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount | '
           'cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*',
           'not(@currencyID) or @currencyID = $documentCurrencyCode',
           'An order MUST be stated in a single currency'),
          ('PEPPOL-T114-R028',
           'fatal',
           'cbc:Amount | cbc:TaxAmount | cbc:LineExtensionAmount | cbc:PriceAmount | '
           'cbc:BaseAmount | cac:AnticipatedMonetaryTotal/cbc:*',
           "ancestor::node()/local-name() = 'Price' or string-length(substring-after(., '.')) "
           '<= 2',
           'Elements of data type amount cannot have more than 2 decimals (I.e. all amounts '
           'except unit price amounts)'),
          ('PEPPOL-T114-R002',
           'warning',
           'ubl:OrderChange',
           'cac:ValidityPeriod/cbc:EndDate',
           'An order change SHOULD provide information about its validity end date.'),
          ('PEPPOL-T114-R014',
           'fatal',
           'cac:OriginatorCustomerParty',
           'cac:Party/cac:PartyName/cbc:Name or cac:Party/cac:PartyIdentification/cbc:ID',
           'An order change MUST have the originator party name or an identifier'),
          ('PEPPOL-T114-R026',
           'fatal',
           "cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']",
           "( contains( 'AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG "
           'BH BI BL BJ BM BN BO BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR '
           'CU CV CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB '
           'GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM '
           'IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR '
           'LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY '
           'MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW '
           'PY QA RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ TC TD '
           'TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU '
           "WF WS YE YT ZA ZM ZW',substring(cbc:CompanyID,1,2) ) )",
           'When TAX is VAT then Party VAT identifiers MUST have a prefix in accordance with '
           'ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. '
           'Nevertheless, Greece may use the prefix ‘EL’.'),
          ('PEPPOL-T114-R006',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           '$payableAmount >=0',
           'Expected total amount for payment MUST NOT be negative'),
          ('PEPPOL-T114-R007',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           '$lineEtensionAmount >=0',
           'Expected total sum of line amounts MUST NOT be negative'),
          ('PEPPOL-T114-R008',
           'warning',
           'cac:AnticipatedMonetaryTotal',
           '$lineEtensionAmount = $sumLineExtensionAmount',
           'Expected total sum of line amounts MUST equal the sum of the order line amounts at '
           'order line level'),
          ('PEPPOL-T114-R009',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           '$allowanceTotalAmount = $sumAllowance',
           'Expected total sum of allowance at document level MUST be equal to the sum of '
           'allowance amounts at document level'),
          ('PEPPOL-T114-R010',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           '$chargeTotalAmount= $sumCharge',
           'Expected total sum of charges at document level MUST be equal to the sum of charge '
           'amounts at document level'),
          ('PEPPOL-T114-R011',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           '$taxexclusiveAmount = $lineEtensionAmount - $allowanceTotalAmount + '
           '$chargeTotalAmount',
           'Expected total amount without TAX = Expected total sum of line amounts - Sum of '
           'allowances on document level + Sum of charges on document level'),
          ('PEPPOL-T114-R016',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           'if ($taxinclusiveAmount) then ($payableAmount = $taxinclusiveAmount - '
           '$prepaidAmount + $roundingAmount) else 1',
           'Amount due for payment = Order change total amount with TAX - Paid amount + '
           'Rounding amount.'),
          ('PEPPOL-T114-R017',
           'fatal',
           'cac:AnticipatedMonetaryTotal',
           'if($taxinclusiveAmount and /ubl:OrderChange/cac:TaxTotal) then '
           '($taxinclusiveAmount = $taxexclusiveAmount + $TAXamount) else 1',
           'Expected total amount with TAX = Expected total amount without TAX + Order total '
           'TAX amount.'),
          ('PEPPOL-T114-R020',
           'fatal',
           'cac:AllowanceCharge[cbc:MultiplierFactorNumeric and not(cbc:BaseAmount)] | '
           '/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[cbc:MultiplierFactorNumeric '
           'and not(cbc:BaseAmount)]',
           'false()',
           'Allowance/charge base amount MUST be provided when allowance/charge percentage is '
           'provided.'),
          ('PEPPOL-T114-R021',
           'fatal',
           '/ubl:OrderChange/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) and '
           'cbc:BaseAmount] | '
           '/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge[not(cbc:MultiplierFactorNumeric) '
           'and cbc:BaseAmount]',
           'false()',
           'Allowance/charge percentage MUST be provided when allowance/charge base amount is '
           'provided.'),
          ('PEPPOL-T114-R022',
           'fatal',
           '/ubl:OrderChange/cac:AllowanceCharge '
           '|/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
           'not(cbc:MultiplierFactorNumeric and cbc:BaseAmount) or u:slack(if (cbc:Amount) '
           'then cbc:Amount else 0, (xs:decimal(cbc:BaseAmount) * '
           'xs:decimal(cbc:MultiplierFactorNumeric)) div 100, 0.02)',
           'Allowance/charge amount MUST equal base amount * percentage/100 if base amount and '
           'percentage exists'),
          ('PEPPOL-T114-R023',
           'fatal',
           '/ubl:OrderChange/cac:AllowanceCharge '
           '|/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
           'exists(cbc:AllowanceChargeReason) or exists(cbc:AllowanceChargeReasonCode)',
           'Each document or line level allowance MUST have an allowance reason text or an '
           'allowance reason code.'),
          ('PEPPOL-T114-R032',
           'fatal',
           '/ubl:OrderChange/cac:AllowanceCharge '
           '|/ubl:OrderChange/cac:OrderLine/cac:LineItem/cac:AllowanceCharge',
           'number(cbc:Amount) >= 0',
           'Allowance or charge amounts MUST NOT be negative.'),
          ('PEPPOL-T114-R029',
           'fatal',
           'cac:TaxCategory | cac:ClassifiedTaxCategory',
           "cbc:Percent or (normalize-space(cbc:ID)='O')",
           'Each Tax Category MUST have a TAX category rate, except if the order is not '
           'subject to TAX.'),
          ('PEPPOL-T114-R030',
           'fatal',
           'cac:TaxCategory | cac:ClassifiedTaxCategory',
           "not(normalize-space(cbc:ID)='S') or (cbc:Percent) > 0",
           'When TAX category code is "Standard rated" (S) the TAX rate MUST be greater than '
           'zero.'),
          ('PEPPOL-T114-R024',
           'fatal',
           'cac:OrderLine/cac:LineItem',
           'u:slack($lineExtensionAmount, ($quantity * ($priceAmount div $baseQuantity)) + '
           '$chargesTotal - $allowancesTotal, 0.02)',
           'Order line net amount MUST equal (Ordered quantity * (Item net price/item price '
           'base quantity) + Order line charge amount - Order line allowance amount'),
          ('PEPPOL-T114-R025',
           'fatal',
           'cac:OrderLine/cac:LineItem',
           'not(cac:Price/cbc:BaseQuantity) or xs:decimal(cac:Price/cbc:BaseQuantity) > 0',
           'Base quantity MUST be a positive number above zero.'),
          ('PEPPOL-T114-R001',
           'fatal',
           'cac:OrderLine/cac:LineItem',
           "count(key('k_lineId',cbc:ID)) = 1",
           'Each order line MUST have a document line identifier that is unique within the '
           'order.'),
          ('PEPPOL-T114-R004',
           'fatal',
           'cac:OrderLine/cac:LineItem',
           'number(cbc:Quantity) >=0',
           'Each order line ordered quantity MUST not be negative'),
          ('PEPPOL-T114-R013',
           'warning',
           'cac:OrderLine/cac:LineItem',
           'cbc:Quantity',
           'Each order line SHOULD have an ordered quantity'),
          ('PEPPOL-T114-R019',
           'fatal',
           'cac:Price/cac:AllowanceCharge',
           'not(cbc:BaseAmount) or xs:decimal(../cbc:PriceAmount) = xs:decimal(cbc:BaseAmount) '
           '- xs:decimal(cbc:Amount)',
           'Item net price MUST equal (Gross price - Allowance amount) when gross price is '
           'provided.'),
          ('PEPPOL-T114-R005',
           'fatal',
           'cac:Price',
           'number(cbc:PriceAmount) >=0',
           'Each order line item net price MUST not be negative'),
          ('PEPPOL-T114-R027',
           'fatal',
           'cac:Price',
           '(cac:AllowanceCharge/cbc:BaseAmount) >= 0 or '
           'not(exists(cac:AllowanceCharge/cbc:BaseAmount))',
           'The Item gross price MUST NOT be negative.'),
          ('PEPPOL-T114-R033',
           'fatal',
           'cac:Price',
           'number(cac:AllowanceCharge/cbc:Amount) >= 0 or '
           'not(exists(cac:AllowanceCharge/cbc:Amount))',
           'Allowance or charge amounts MUST NOT be negative.'),
          ('PEPPOL-T114-R035',
           'fatal',
           'cac:QuotationLineReference/cbc:LineID',
           'exists(/*/cac:QuotationDocumentReference/cbc:ID)',
           'The quotation document reference MUST be provided when referencing a quotation '
           'line'),
          ('PEPPOL-T114-CL001',
           'fatal',
           "cac:AllowanceCharge[cbc:ChargeIndicator = 'false']/cbc:AllowanceChargeReasonCode",
           'some $code in $clUNCL5189 satisfies normalize-space(text()) = $code',
           'Reason code MUST be according to subset of UNCL 5189 D.16B.'),
          ('PEPPOL-T114-CL002',
           'fatal',
           "cac:AllowanceCharge[cbc:ChargeIndicator = 'true']/cbc:AllowanceChargeReasonCode",
           'some $code in $clUNCL7161 satisfies normalize-space(text()) = $code',
           'Reason code MUST be according to UNCL 7161 D.16B.')),
 'T115': (('PEPPOL-COMMON-R001',
           'fatal',
           '//*[not(*) and not(normalize-space())]',
           'false()',
           'Document MUST not contain empty elements.'),
          ('PEPPOL-COMMON-R003',
           'warning',
           '/*',
           'not(@*:schemaLocation)',
           'Document SHOULD not contain schema location.'),
          ('PEPPOL-COMMON-R030',
           'fatal',
           'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
           'cbc:ActualDeliveryDate',
           '(string(.) castable as xs:date) and (string-length(.) = 10)',
           'A date must be formatted YYYY-MM-DD.'),
          ('PEPPOL-COMMON-R040',
           'fatal',
           "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0088'] | cbc:CompanyID[@schemeID = '0088']",
           "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
           'GLN must have a valid format according to GS1 rules.'),
          ('PEPPOL-COMMON-R041',
           'fatal',
           "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0192'] | cbc:CompanyID[@schemeID = '0192']",
           "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
           'Norwegian organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R042',
           'fatal',
           "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0184'] | cbc:CompanyID[@schemeID = '0184']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
           '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
           "8),'1234567890', '')) = 0)",
           'Danish organization number (CVR) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R052',
           'fatal',
           "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0096'] | cbc:CompanyID[@schemeID = '0096']",
           '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
           "10),'1234567890', '')) = 0)",
           'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R053',
           'fatal',
           "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0198'] | cbc:CompanyID[@schemeID = '0198']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
           'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R043',
           'fatal',
           "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0208'] | cbc:CompanyID[@schemeID = '0208']",
           "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
           'Belgian enterprise number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R044',
           'warning',
           "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0201'] | cbc:CompanyID[@schemeID = '0201']",
           'u:checkCodiceIPA(normalize-space())',
           'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct '
           'format'),
          ('PEPPOL-COMMON-R045',
           'warning',
           "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0210'] | cbc:CompanyID[@schemeID = '0210']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R046',
           'warning',
           "cbc:EndpointID[@schemeID = '9907']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R047',
           'warning',
           "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0211'] | cbc:CompanyID[@schemeID = '0211']",
           'u:checkPIVAseIT(normalize-space())',
           'Italian VAT Code (Partita Iva) must be stated in the correct format'),
          ('PEPPOL-COMMON-R049',
           'fatal',
           "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0007'] | cbc:CompanyID[@schemeID = '0007']",
           'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
           "'NaN' and u:checkSEOrgnr(normalize-space())",
           'Swedish organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R050',
           'fatal',
           "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0151'] | cbc:CompanyID[@schemeID = '0151']",
           "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
           'Australian Business Number (ABN) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R054',
           'warning',
           "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0106'] | cbc:CompanyID[@schemeID = '0106']",
           "matches(normalize-space(), '^[0-9]{8}$')",
           'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct '
           'format (12345678).'),
          ('PEPPOL-COMMON-R055',
           'warning',
           "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0190'] | cbc:CompanyID[@schemeID = '0190']",
           "matches(normalize-space(), '^[0-9]{20}$')",
           'Dutch organization identification numbers (0190) MUST be stated in the correct '
           'format (12345678901234567890).'),
          ('PEPPOL-COMMON-R056-1',
           'warning',
           "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'9944'] | cbc:CompanyID[@schemeID = '9944']",
           "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
          ('PEPPOL-COMMON-R056-2',
           'warning',
           "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
           "[starts-with(normalize-space(.), 'NL')]",
           "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers MUST have the format (NL123456789B12).'),
          ('PEPPOL-COMMON-R057',
           'warning',
           "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0217'] | cbc:CompanyID[@schemeID = '0217']",
           "matches(normalize-space(), '^[0-9]{12}$')",
           'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
           'correct format (123456789012).'),
          ('PEPPOL-T115-R031',
           'fatal',
           'cbc:ProfileID',
           "some $p in tokenize('urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3', '\\s') "
           'satisfies $p = normalize-space(.)',
           'An order cancellation transaction MUST use profile advanced_ordering.'),
          ('PEPPOL-T115-R034',
           'fatal',
           'cbc:CustomizationID',
           'starts-with(normalize-space(.), '
           "'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3')",
           'Specification identifier MUST start with the value '
           "'urn:fdc:peppol.eu:poacc:trns:order_cancellation:3'.")),
 'T116': (('PEPPOL-COMMON-R001',
           'fatal',
           '//*[not(*) and not(normalize-space())]',
           'false()',
           'Document MUST not contain empty elements.'),
          ('PEPPOL-COMMON-R003',
           'warning',
           '/*',
           'not(@*:schemaLocation)',
           'Document SHOULD not contain schema location.'),
          ('PEPPOL-COMMON-R030',
           'fatal',
           'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
           'cbc:ActualDeliveryDate',
           '(string(.) castable as xs:date) and (string-length(.) = 10)',
           'A date must be formatted YYYY-MM-DD.'),
          ('PEPPOL-COMMON-R040',
           'fatal',
           "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0088'] | cbc:CompanyID[@schemeID = '0088']",
           "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
           'GLN must have a valid format according to GS1 rules.'),
          ('PEPPOL-COMMON-R041',
           'fatal',
           "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0192'] | cbc:CompanyID[@schemeID = '0192']",
           "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
           'Norwegian organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R042',
           'fatal',
           "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0184'] | cbc:CompanyID[@schemeID = '0184']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
           '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
           "8),'1234567890', '')) = 0)",
           'Danish organization number (CVR) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R052',
           'fatal',
           "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0096'] | cbc:CompanyID[@schemeID = '0096']",
           '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
           "10),'1234567890', '')) = 0)",
           'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R053',
           'fatal',
           "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0198'] | cbc:CompanyID[@schemeID = '0198']",
           "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
           "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
           'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R043',
           'fatal',
           "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0208'] | cbc:CompanyID[@schemeID = '0208']",
           "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
           'Belgian enterprise number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R044',
           'warning',
           "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0201'] | cbc:CompanyID[@schemeID = '0201']",
           'u:checkCodiceIPA(normalize-space())',
           'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct '
           'format'),
          ('PEPPOL-COMMON-R045',
           'warning',
           "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0210'] | cbc:CompanyID[@schemeID = '0210']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R046',
           'warning',
           "cbc:EndpointID[@schemeID = '9907']",
           'u:checkCF(normalize-space())',
           'Tax Code (Codice Fiscale) must be stated in the correct format'),
          ('PEPPOL-COMMON-R047',
           'warning',
           "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0211'] | cbc:CompanyID[@schemeID = '0211']",
           'u:checkPIVAseIT(normalize-space())',
           'Italian VAT Code (Partita Iva) must be stated in the correct format'),
          ('PEPPOL-COMMON-R049',
           'fatal',
           "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0007'] | cbc:CompanyID[@schemeID = '0007']",
           'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
           "'NaN' and u:checkSEOrgnr(normalize-space())",
           'Swedish organization number MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R050',
           'fatal',
           "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0151'] | cbc:CompanyID[@schemeID = '0151']",
           "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
           'Australian Business Number (ABN) MUST be stated in the correct format.'),
          ('PEPPOL-COMMON-R054',
           'warning',
           "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0106'] | cbc:CompanyID[@schemeID = '0106']",
           "matches(normalize-space(), '^[0-9]{8}$')",
           'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct '
           'format (12345678).'),
          ('PEPPOL-COMMON-R055',
           'warning',
           "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0190'] | cbc:CompanyID[@schemeID = '0190']",
           "matches(normalize-space(), '^[0-9]{20}$')",
           'Dutch organization identification numbers (0190) MUST be stated in the correct '
           'format (12345678901234567890).'),
          ('PEPPOL-COMMON-R056-1',
           'warning',
           "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'9944'] | cbc:CompanyID[@schemeID = '9944']",
           "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
          ('PEPPOL-COMMON-R056-2',
           'warning',
           "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
           "[starts-with(normalize-space(.), 'NL')]",
           "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
           'Dutch VAT numbers MUST have the format (NL123456789B12).'),
          ('PEPPOL-COMMON-R057',
           'warning',
           "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
           "'0217'] | cbc:CompanyID[@schemeID = '0217']",
           "matches(normalize-space(), '^[0-9]{12}$')",
           'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
           'correct format (123456789012).'),
          ('PEPPOL-T116-R006',
           'fatal',
           'cbc:CustomizationID',
           'starts-with(normalize-space(.), '
           "'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3')",
           'Specification identifier MUST start with the value '
           "'urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3'."),
          ('PEPPOL-T116-R005',
           'fatal',
           'cbc:PriceAmount',
           '@currencyID = $documentCurrencyCode',
           'An order response MUST be stated in a single currency'),
          ('PEPPOL-T116-R001',
           'fatal',
           'cac:BuyerCustomerParty/cac:Party',
           'cac:PartyLegalEntity/cbc:RegistrationName or cac:PartyIdentification/cbc:ID',
           'An order response MUST have the buyer party official name or a buyer party '
           'identifier'),
          ('PEPPOL-T116-R002',
           'fatal',
           'cac:SellerSupplierParty/cac:Party',
           'cac:PartyLegalEntity/cbc:RegistrationName or cac:PartyIdentification/cbc:ID',
           'An order response MUST have the seller party official name or a seller party '
           'identifier'),
          ('PEPPOL-T116-R004',
           'fatal',
           'cac:PromisedDeliveryPeriod | cac:OrderLine/cac:LineItem/cac:PromisedDeliveryPeriod',
           '(exists(cbc:EndDate) and exists(cbc:StartDate) and (cbc:EndDate) >= '
           '(cbc:StartDate)) or not(exists(cbc:StartDate)) or not(exists(cbc:EndDate))',
           'If both delivery period start date and delivery period end date are given then the '
           'end date MUST be later or equal to the start date.'),
          ('PEPPOL-T116-R007',
           'fatal',
           'cbc:OrderResponseCode',
           "(normalize-space(.) = 'CA' and count(../cac:OrderLine) > 0) or normalize-space(.) "
           "!= 'CA'",
           'An order response with code CA (Conditionally accepted) must provide order lines.'),
          ('PEPPOL-T116-R008',
           'fatal',
           'cbc:OrderResponseCode',
           "(normalize-space(.) = 'AP' and count(../cac:OrderLine) = 0) or normalize-space(.) "
           "!= 'AP'",
           'An order response with code AP (Accepted) must NOT provide order lines.'),
          ('PEPPOL-T116-R009',
           'fatal',
           'cbc:OrderResponseCode',
           "(normalize-space(.) = 'RE' and count(../cac:OrderLine) = 0) or normalize-space(.) "
           "!= 'RE'",
           'An order response with code RE (Rejected) must NOT provide order lines.'),
          ('PEPPOL-T116-R010',
           'fatal',
           'cbc:OrderResponseCode',
           "(normalize-space(.) = 'AB' and count(../cac:OrderLine) = 0) or normalize-space(.) "
           "!= 'AB'",
           'An order response with code AB (Acknowledged) must NOT provide order lines.'),
          ('PEPPOL-T116-R003',
           'fatal',
           'cac:OrderLine/cac:LineItem',
           "count(key('k_lineId',cbc:ID)) = 1",
           'Each order response line MUST have a document line identifier that is unique '
           'within the order.')),
 'T76': (('PEPPOL-COMMON-R001',
          'fatal',
          '//*[not(*) and not(normalize-space())]',
          'false()',
          'Document MUST not contain empty elements.'),
         ('PEPPOL-COMMON-R003',
          'warning',
          '/*',
          'not(@*:schemaLocation)',
          'Document SHOULD not contain schema location.'),
         ('PEPPOL-COMMON-R030',
          'fatal',
          'cbc:IssueDate | cbc:DueDate | cbc:TaxPointDate | cbc:StartDate | cbc:EndDate | '
          'cbc:ActualDeliveryDate',
          '(string(.) castable as xs:date) and (string-length(.) = 10)',
          'A date must be formatted YYYY-MM-DD.'),
         ('PEPPOL-COMMON-R040',
          'fatal',
          "cbc:EndpointID[@schemeID = '0088'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0088'] | cbc:CompanyID[@schemeID = '0088']",
          "matches(normalize-space(), '^[0-9]+$') and u:gln(normalize-space())",
          'GLN must have a valid format according to GS1 rules.'),
         ('PEPPOL-COMMON-R041',
          'fatal',
          "cbc:EndpointID[@schemeID = '0192'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0192'] | cbc:CompanyID[@schemeID = '0192']",
          "matches(normalize-space(), '^[0-9]{9}$') and u:mod11(normalize-space())",
          'Norwegian organization number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R042',
          'fatal',
          "cbc:EndpointID[@schemeID = '0184'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0184'] | cbc:CompanyID[@schemeID = '0184']",
          "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
          "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0) or "
          '(string-length(string()) = 8) and (string-length(translate(substring(string(), 1, '
          "8),'1234567890', '')) = 0)",
          'Danish organization number (CVR) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R052',
          'fatal',
          "cbc:EndpointID[@schemeID = '0096'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0096'] | cbc:CompanyID[@schemeID = '0096']",
          '(string-length(string()) = 10) and (string-length(translate(substring(string(), 1, '
          "10),'1234567890', '')) = 0)",
          'Danish chamber of commerce number (P) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R053',
          'fatal',
          "cbc:EndpointID[@schemeID = '0198'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0198'] | cbc:CompanyID[@schemeID = '0198']",
          "(string-length(string()) = 10 and substring(string(), 1, 2) = 'DK' and "
          "string-length(translate(substring(string(), 3, 8), '1234567890', '')) = 0)",
          'Danish ERSTORG number (SE) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R043',
          'fatal',
          "cbc:EndpointID[@schemeID = '0208'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0208'] | cbc:CompanyID[@schemeID = '0208']",
          "matches(normalize-space(), '^[0-9]{10}$') and u:mod97-0208(normalize-space())",
          'Belgian enterprise number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R044',
          'warning',
          "cbc:EndpointID[@schemeID = '0201'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0201'] | cbc:CompanyID[@schemeID = '0201']",
          'u:checkCodiceIPA(normalize-space())',
          'IPA Code (Codice Univoco Unità Organizzativa) must be stated in the correct format'),
         ('PEPPOL-COMMON-R045',
          'warning',
          "cbc:EndpointID[@schemeID = '0210'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0210'] | cbc:CompanyID[@schemeID = '0210']",
          'u:checkCF(normalize-space())',
          'Tax Code (Codice Fiscale) must be stated in the correct format'),
         ('PEPPOL-COMMON-R046',
          'warning',
          "cbc:EndpointID[@schemeID = '9907']",
          'u:checkCF(normalize-space())',
          'Tax Code (Codice Fiscale) must be stated in the correct format'),
         ('PEPPOL-COMMON-R047',
          'warning',
          "cbc:EndpointID[@schemeID = '0211'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0211'] | cbc:CompanyID[@schemeID = '0211']",
          'u:checkPIVAseIT(normalize-space())',
          'Italian VAT Code (Partita Iva) must be stated in the correct format'),
         ('PEPPOL-COMMON-R049',
          'fatal',
          "cbc:EndpointID[@schemeID = '0007'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0007'] | cbc:CompanyID[@schemeID = '0007']",
          'string-length(normalize-space()) = 10 and string(number(normalize-space())) != '
          "'NaN' and u:checkSEOrgnr(normalize-space())",
          'Swedish organization number MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R050',
          'fatal',
          "cbc:EndpointID[@schemeID = '0151'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0151'] | cbc:CompanyID[@schemeID = '0151']",
          "matches(normalize-space(), '^[0-9]{11}$') and u:abn(normalize-space())",
          'Australian Business Number (ABN) MUST be stated in the correct format.'),
         ('PEPPOL-COMMON-R054',
          'warning',
          "cbc:EndpointID[@schemeID = '0106'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0106'] | cbc:CompanyID[@schemeID = '0106']",
          "matches(normalize-space(), '^[0-9]{8}$')",
          'Dutch Chamber of Commerce (KVK) numbers (0106) MUST be stated in the correct format '
          '(12345678).'),
         ('PEPPOL-COMMON-R055',
          'warning',
          "cbc:EndpointID[@schemeID = '0190'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0190'] | cbc:CompanyID[@schemeID = '0190']",
          "matches(normalize-space(), '^[0-9]{20}$')",
          'Dutch organization identification numbers (0190) MUST be stated in the correct '
          'format (12345678901234567890).'),
         ('PEPPOL-COMMON-R056-1',
          'warning',
          "cbc:EndpointID[@schemeID = '9944'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'9944'] | cbc:CompanyID[@schemeID = '9944']",
          "matches(normalize-space(), '^NL[0-9]{9}B[0-9]{2}$')",
          'Dutch VAT numbers (9944) MUST be stated in the correct format (NL123456789B12).'),
         ('PEPPOL-COMMON-R056-2',
          'warning',
          "cac:PartyTaxScheme [normalize-space(cac:TaxScheme/cbc:ID) = 'VAT'] /cbc:CompanyID "
          "[starts-with(normalize-space(.), 'NL')]",
          "matches(normalize-space(.), '^NL[0-9]{9}B[0-9]{2}$')",
          'Dutch VAT numbers MUST have the format (NL123456789B12).'),
         ('PEPPOL-COMMON-R057',
          'warning',
          "cbc:EndpointID[@schemeID = '0217'] | cac:PartyIdentification/cbc:ID[@schemeID = "
          "'0217'] | cbc:CompanyID[@schemeID = '0217']",
          "matches(normalize-space(), '^[0-9]{12}$')",
          'Dutch Chamber of Commerce Establishment numbers (0217) MUST be stated in the '
          'correct format (123456789012).'),
         ('PEPPOL-T76-R006',
          'fatal',
          'cbc:CustomizationID',
          "starts-with(normalize-space(.), 'urn:fdc:peppol.eu:poacc:trns:order_response:3')",
          'Specification identifier SHALL start with the value '
          "'urn:fdc:peppol.eu:poacc:trns:order_response:3'."),
         ('PEPPOL-T76-R005',
          'fatal',
          'cbc:PriceAmount',
          '@currencyID = $documentCurrencyCode',
          'An order response SHALL be stated in a single currency'),
         ('PEPPOL-T76-R001',
          'fatal',
          'cac:BuyerCustomerParty/cac:Party',
          'cac:PartyLegalEntity/cbc:RegistrationName or cac:PartyIdentification/cbc:ID',
          'An order response SHALL have the buyer party official name or a buyer party '
          'identifier'),
         ('PEPPOL-T76-R002',
          'fatal',
          'cac:SellerSupplierParty/cac:Party',
          'cac:PartyLegalEntity/cbc:RegistrationName or cac:PartyIdentification/cbc:ID',
          'An order response SHALL have the seller party official name or a seller party '
          'identifier'),
         ('PEPPOL-T76-R004',
          'fatal',
          'cac:PromisedDeliveryPeriod | cac:OrderLine/cac:LineItem/cac:PromisedDeliveryPeriod',
          '(exists(cbc:EndDate) and exists(cbc:StartDate) and (cbc:EndDate) >= '
          '(cbc:StartDate)) or not(exists(cbc:StartDate)) or not(exists(cbc:EndDate))',
          'If both delivery period start date and delivery period end date are given then the '
          'end date SHALL be later or equal to the start date.'),
         ('PEPPOL-T76-R003',
          'fatal',
          'cac:OrderLine/cac:LineItem',
          "count(key('k_lineId',cbc:ID)) = 1",
          'Each order response line SHALL have a document line identifier that is unique '
          'within the order.'),
         ('PEPPOL-T76-R007',
          'fatal',
          'cbc:OrderResponseCode',
          "(normalize-space(.) = 'CA' and count(../cac:OrderLine) > 0) or normalize-space(.) "
          "!= 'CA'",
          'An order response with code CA (Conditionally accepted) must provide order lines.'),
         ('PEPPOL-T76-R008',
          'fatal',
          'cbc:OrderResponseCode',
          "(normalize-space(.) = 'AP' and count(../cac:OrderLine) = 0) or normalize-space(.) "
          "!= 'AP'",
          'An order response with code AP (Accepted) must NOT provide order lines.'),
         ('PEPPOL-T76-R009',
          'fatal',
          'cbc:OrderResponseCode',
          "(normalize-space(.) = 'RE' and count(../cac:OrderLine) = 0) or normalize-space(.) "
          "!= 'RE'",
          'An order response with code RE (Rejected) must NOT provide order lines.'),
         ('PEPPOL-T76-R010',
          'fatal',
          'cbc:OrderResponseCode',
          "(normalize-space(.) = 'AB' and count(../cac:OrderLine) = 0) or normalize-space(.) "
          "!= 'AB'",
          'An order response with code AB (Acknowledged) must NOT provide order lines.'))}
